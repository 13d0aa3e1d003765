package io.turnout.spec.load;

import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * YAML files that are not Turnout specs. One such file in a spec repository is a mistake worth
 * a problem each; a hundred of them around a folder of specs mean that Turnout was pointed at
 * the root of a larger repository (CI workflows, Helm charts, docker-compose files …): then one
 * problem says which folder holds the specs and how to point at it.
 */
final class SpecTreeHint {
    private SpecTreeHint() {}

    /**
     * @param strays       YAML files with neither apiVersion nor kind that no service names
     * @param environments the files with kind: Environment
     * @param services     the files with kind: Service
     */
    static List<SpecProblem> notSpecs(List<ParsedDocument> strays, List<ParsedDocument> environments, List<ParsedDocument> services) {
        List<ParsedDocument> specs = new ArrayList<>(environments);
        specs.addAll(services);
        String tree = commonFolder(specs);
        List<SpecProblem> problems = new ArrayList<>();
        List<ParsedDocument> outside = new ArrayList<>();
        for (ParsedDocument doc : strays) {
            if (!tree.isEmpty() && !doc.path().startsWith(tree + "/")) {
                outside.add(doc);
                continue;
            }
            problems.add(new SpecProblem(doc.locate(""), "", "not a Turnout spec: the file has no apiVersion and kind",
                    "add 'apiVersion: turnout/v1' and 'kind: Environment' or 'kind: Service' (with metadata.name and spec), "
                            + "or name it from a service's spec.taskDefinition.file or spec.service.file, or move it out of the spec repository"));
        }
        if (!outside.isEmpty()) {
            problems.add(new SpecProblem(SourceLocation.of(tree), "", outside.size() + " YAML " + (outside.size() == 1 ? "file" : "files")
                    + " outside " + tree + "/ " + (outside.size() == 1 ? "is" : "are") + " not Turnout specs (e.g. " + outside.getFirst().path()
                    + "): the spec tree seems to be " + tree + "/, which holds every Environment and Service file",
                    "point Turnout at that folder: turnout validate " + tree + " (plan and apply: --specs " + tree
                            + "; the agent: --path " + tree + ")"));
        }
        if (specs.isEmpty() && strays.size() > 1) {
            // nothing here is a spec: one problem instead of one per file
            return List.of(new SpecProblem(strays.getFirst().locate(""), "", "none of the " + strays.size()
                    + " YAML files here is a Turnout spec (no apiVersion: turnout/v1 and kind)",
                    "point Turnout at the folder that holds your environments/ and services/ (e.g. specs-example in Turnout's repository)"));
        }
        return problems;
    }

    /**
     * When the folder holds several spec trees (each with its own environments/ folder, and the
     * same environment defined in more than one): one problem that lists them, since every other
     * problem would be noise from mixing them (duplicate environments, services, families …).
     */
    static Optional<SpecProblem> severalTrees(List<ParsedDocument> environments) {
        Map<String, Set<String>> rootsByEnvironment = new TreeMap<>();
        Set<String> roots = new TreeSet<>();
        for (ParsedDocument doc : environments) {
            String path = "/" + doc.path();
            int folder = path.lastIndexOf("/environments/");
            if (folder < 0 || !doc.at("/metadata/name").isString()) continue;
            String root = folder == 0 ? "." : path.substring(1, folder);
            roots.add(root);
            rootsByEnvironment.computeIfAbsent(doc.at("/metadata/name").asString(), k -> new TreeSet<>()).add(root);
        }
        boolean repeated = rootsByEnvironment.values().stream().anyMatch(r -> r.size() > 1);
        if (roots.size() < 2 || !repeated) return Optional.empty();
        // the shallowest first: the tree a person most likely means (specs-example before test fixtures)
        List<String> shown = roots.stream().sorted(Comparator.comparingInt((String r) -> r.split("/").length).thenComparing(r -> r))
                .limit(5).toList();
        return Optional.of(new SpecProblem(SourceLocation.of(shown.getFirst()), "", "this folder holds " + roots.size()
                + " spec trees (" + String.join(", ", shown) + (roots.size() > shown.size() ? ", …" : "")
                + "), each with its own environments/: Turnout reads one spec tree at a time",
                "point Turnout at one of them, e.g. turnout validate " + shown.getFirst() + " (plan and apply: --specs; the agent: --path)"));
    }

    /**
     * The deepest folder holding every one of {@code docs}, "" for the root (or when there are
     * none). Specs sit in {@code <tree>/environments/} and {@code <tree>/services/…}: a file
     * under such a folder counts as being in its parent, so that a tree with environments only
     * is not taken to be {@code environments/}.
     */
    static String commonFolder(List<ParsedDocument> docs) {
        String common = null;
        for (ParsedDocument doc : docs) {
            String path = "/" + doc.path();
            int conventional = Math.max(path.lastIndexOf("/environments/"), path.lastIndexOf("/services/"));
            int end = conventional >= 0 ? conventional : path.lastIndexOf('/');
            String folder = end <= 0 ? "" : path.substring(1, end);
            common = common == null ? folder : commonPrefix(common, folder);
            if (common.isEmpty()) return "";
        }
        return common == null ? "" : common;
    }

    private static String commonPrefix(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        List<String> same = new ArrayList<>();
        for (int i = 0; i < Math.min(x.length, y.length) && x[i].equals(y[i]); i++) same.add(x[i]);
        return String.join("/", same);
    }
}
