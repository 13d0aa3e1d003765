package io.turnout.cli;

import io.turnout.spec.load.LoadResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code turnout validate [DIR]}: schema and cross-file checks of a spec folder, touching no cloud. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check every spec file in DIR against the JSON Schemas and the cross-file rules.",
                "Touches no cloud. Each problem is printed as file:line:column with what to do about it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all specs are valid", "1:at least one problem"})
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The spec folder (default: the current folder).")
    Path dir;

    @Override
    public Integer call() {
        LoadResult result = SpecsOption.load(dir);
        if (!result.isValid()) {
            SpecsOption.printProblems(dir, result.problems(), spec.commandLine().getErr());
            return ExitCodes.ERROR;
        }
        spec.commandLine().getOut().println(dir + ": valid (" + SpecsOption.summary(result.tree().orElseThrow()) + ").");
        return ExitCodes.OK;
    }
}
