package io.turnout.cli;

import io.turnout.error.TurnoutException;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import io.turnout.status.UnknownEnvironment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loading a spec folder for a command, and printing its problems the way compilers print errors. */
final class SpecsOption {
    private SpecsOption() {}

    static LoadResult load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TurnoutException("spec folder " + dir + " does not exist or is not a folder",
                    "Pass the folder that holds your environments/ and services/ (e.g. specs-example).");
        }
        return SpecLoader.load(dir);
    }

    /** One line per problem, {@code dir/file:line:col: error: message (at /pointer). fix}, then a count. */
    static void printProblems(Path dir, List<SpecProblem> problems, PrintWriter err) {
        for (SpecProblem p : problems) {
            err.println(display(dir, p.location().file()) + p.describe().substring(p.location().file().length())
                    .replaceFirst("^(:\\d+(?::\\d+)?)?: ", "$1: error: "));
        }
        err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + dir
                + ". Nothing was planned or applied.");
    }

    /** The environment {@code name} of {@code tree}, or the one "unknown environment" error, naming {@code where} and the known ones. */
    static EnvironmentSpec environment(SpecTree tree, String name, String where) {
        return tree.environment(name).orElseThrow(() -> new UnknownEnvironment(name, where,
                tree.environments().stream().map(EnvironmentSpec::name).toList()));
    }

    static String summary(SpecTree tree) {
        return count(tree.environments().size(), "environment") + ", " + count(tree.services().size(), "service");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The file as a path the user can open from where they ran the command. */
    private static String display(Path dir, String file) {
        return file.isEmpty() ? dir.toString() : dir.resolve(file).normalize().toString();
    }
}
