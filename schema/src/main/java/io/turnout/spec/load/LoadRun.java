package io.turnout.spec.load;

import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** One load of one spec repository: the steps of {@link SpecLoader}, with the state they share. */
final class LoadRun {
    static final String API_VERSION = "turnout/v1";
    static final List<String> KINDS = List.of("Environment", "Service", "SimulatedWorld");

    /** A spec file that passed its schema, with the record built from it. */
    record LoadedEnvironment(ParsedDocument doc, EnvironmentSpec spec) {}

    /**
     * A service that passed its schema, with the documents its task definition and its service
     * settings were read from (the service's own for inline ones) and where in them they start.
     */
    record LoadedService(ParsedDocument doc, ServiceSpec spec, ParsedDocument taskDefinitionDoc, String taskDefinitionPointer,
                         ParsedDocument settingsDoc, String settingsPointer) {}

    /** A document a service names in {@code spec.taskDefinition.file} or {@code spec.service.file}, read and validated. */
    private record Included(Optional<ParsedDocument> doc, boolean valid) {}

    private final SpecFiles files;
    private final SpecLimits limits;
    private final SchemaValidation validation;
    private final SpecFileParser parser;
    private final List<SpecProblem> problems = new ArrayList<>();
    private final Map<String, Optional<ParsedDocument>> parsed = new HashMap<>();
    private final Set<String> included = new LinkedHashSet<>();
    private final Set<String> namesOfInvalidEnvironments = new LinkedHashSet<>();
    private final Set<String> validatedIncludes = new HashSet<>();
    private final Set<String> invalidIncludes = new HashSet<>();
    private boolean unreadable;
    private long bytesRead;

    LoadRun(SpecFiles files, SpecLimits limits, SpecSchemas schemas) {
        this.files = files;
        this.limits = limits;
        this.validation = new SchemaValidation(schemas);
        this.parser = new SpecFileParser(limits);
    }

    LoadResult run() {
        List<String> candidates;
        try {
            candidates = files.list().stream().filter(p -> p.endsWith(".yaml") || p.endsWith(".yml")).toList();
        } catch (IOException e) {
            return fail(new SpecProblem(SourceLocation.of(files.describe()), "", "cannot list the spec repository: " + e.getMessage(),
                    "check that the folder exists and is readable"));
        }
        if (candidates.size() > limits.maxFiles()) {
            return fail(new SpecProblem(SourceLocation.of(files.describe()), "", "the repository has " + candidates.size()
                    + " YAML files, more than the limit of " + limits.maxFiles(),
                    "point Turnout at the folder holding the specs only, or raise the file limit"));
        }
        List<ParsedDocument> environments = new ArrayList<>();
        List<ParsedDocument> services = new ArrayList<>();
        List<ParsedDocument> others = new ArrayList<>();
        for (String path : candidates) {
            Optional<ParsedDocument> doc = parse(path);
            if (doc.isEmpty()) {
                unreadable = true;
                continue;
            }
            switch (kindOf(doc.get())) {
                case "Environment" -> environments.add(doc.get());
                case "Service" -> services.add(doc.get());
                case "SimulatedWorld" -> { /* read by the simulated cloud, not a spec */ }
                case "" -> others.add(doc.get());
                default -> { /* envelope problem already reported */ }
            }
        }
        Optional<SpecProblem> severalTrees = SpecTreeHint.severalTrees(environments);
        if (severalTrees.isPresent()) return LoadResult.failed(List.of(severalTrees.get()));
        List<LoadedEnvironment> loadedEnvironments = new ArrayList<>();
        for (ParsedDocument doc : environments) {
            List<SpecProblem> found = validation.environment(doc);
            if (found.isEmpty()) found = DurationBounds.check(doc);
            problems.addAll(found);
            if (found.isEmpty()) {
                loadedEnvironments.add(new LoadedEnvironment(doc, SpecTreeBuilder.environment(doc)));
            } else if (doc.at("/metadata/name").isString()) {
                namesOfInvalidEnvironments.add(doc.at("/metadata/name").asString());
            }
        }
        List<LoadedService> loadedServices = new ArrayList<>();
        for (ParsedDocument doc : services) {
            List<SpecProblem> found = validation.service(doc);
            if (found.isEmpty()) found = DurationBounds.check(doc);
            problems.addAll(found);
            // the files a service names are read (and marked as included) even when the service
            // itself has a problem: else each would also be reported as "not a Turnout spec"
            Included taskDefinition = include(doc, "/spec/taskDefinition/file", validation::taskDefinition);
            Included settings = include(doc, "/spec/service/file", validation::serviceSettings);
            if (found.isEmpty() && taskDefinition.valid() && settings.valid()) {
                loadedServices.add(loadedService(doc, taskDefinition.doc(), settings.doc()));
            }
        }
        List<ParsedDocument> strays = others.stream().filter(d -> !included.contains(d.path())).toList();
        problems.addAll(SpecTreeHint.notSpecs(strays, environments, services));
        problems.addAll(new CrossFileRules(loadedEnvironments, loadedServices, namesOfInvalidEnvironments, unreadable).check());
        problems.addAll(new ServiceRules(loadedEnvironments, loadedServices).check());

        if (!problems.isEmpty()) return LoadResult.failed(sorted(problems));
        return LoadResult.ok(new SpecTree(loadedEnvironments.stream().map(LoadedEnvironment::spec).toList(),
                loadedServices.stream().map(LoadedService::spec).toList()));
    }

    private LoadedService loadedService(ParsedDocument doc, Optional<ParsedDocument> taskDefinitionFile, Optional<ParsedDocument> settingsFile) {
        ParsedDocument tdDoc = taskDefinitionFile.orElse(doc);
        String tdPointer = taskDefinitionFile.isPresent() ? "" : "/spec/taskDefinition/inline";
        ParsedDocument settingsDoc = settingsFile.orElse(doc);
        String settingsPointer = settingsFile.isPresent() ? "" : "/spec/service";
        ServiceSpec spec = SpecTreeBuilder.service(doc, tdDoc.at(tdPointer), settingsDoc.at(settingsPointer));
        return new LoadedService(doc, spec, tdDoc, tdPointer, settingsDoc, settingsPointer);
    }

    /**
     * Reads and validates the file a service names at {@code pointer} ({@code …/file}), when it
     * names one: valid when it names none, or when the file exists inside the repository and
     * passes {@code schema}.
     */
    private Included include(ParsedDocument doc, String pointer, Function<ParsedDocument, List<SpecProblem>> schema) {
        JsonNode reference = doc.at(pointer);
        if (!reference.isString()) return new Included(Optional.empty(), !doc.at(pointer.substring(0, pointer.lastIndexOf('/'))).has("file"));
        IncludePaths.Resolved resolved = IncludePaths.resolve(doc.path(), reference.asString());
        SourceLocation at = doc.positions().locateValue(pointer);
        if (!resolved.ok()) {
            String example = (doc.at("/metadata/name").isString() ? doc.at("/metadata/name").asString() : "web") + (pointer.startsWith("/spec/service") ? ".service.json" : ".taskdef.json");
            problems.add(new SpecProblem(at, pointer, "file not allowed: " + resolved.error(),
                    "keep the file inside the spec repository and name it relative to " + doc.path() + " (e.g. file: " + example + ")"));
            return new Included(Optional.empty(), false);
        }
        included.add(resolved.path());
        Optional<ParsedDocument> parsedFile = parse(resolved.path(), at, pointer);
        if (parsedFile.isEmpty()) return new Included(Optional.empty(), false);
        if (!validatedIncludes.add(resolved.path())) return new Included(parsedFile, !invalidIncludes.contains(resolved.path()));
        List<SpecProblem> found = schema.apply(parsedFile.get());
        problems.addAll(found);
        if (!found.isEmpty()) invalidIncludes.add(resolved.path());
        return new Included(parsedFile, found.isEmpty());
    }

    /** "" when the document has neither apiVersion nor kind; the kind, or "?" after reporting a bad envelope. */
    private String kindOf(ParsedDocument doc) {
        JsonNode root = doc.root();
        if (!root.isObject() || (!root.has("apiVersion") && !root.has("kind"))) return "";
        JsonNode apiVersion = root.get("apiVersion");
        if (apiVersion == null || !apiVersion.isString() || !API_VERSION.equals(apiVersion.asString())) {
            problems.add(new SpecProblem(doc.positions().locateValue(apiVersion == null ? "" : "/apiVersion"), "/apiVersion",
                    apiVersion == null ? "missing apiVersion" : "unsupported apiVersion " + apiVersion,
                    "write 'apiVersion: " + API_VERSION + "' at the top of the file"));
            return "?";
        }
        JsonNode kind = root.get("kind");
        if (kind == null || !kind.isString() || !KINDS.contains(kind.asString())) {
            String suggestion = kind == null || !kind.isString() ? "" : Suggestions.closest(kind.asString(), KINDS).map(k -> "did you mean '" + k + "'? ").orElse("");
            problems.add(new SpecProblem(doc.positions().locateValue(kind == null ? "" : "/kind"), "/kind",
                    kind == null ? "missing kind" : "unknown kind " + kind,
                    suggestion + "write 'kind: Environment' or 'kind: Service'"));
            return "?";
        }
        return kind.asString();
    }

    private Optional<ParsedDocument> parse(String path) {
        return parse(path, null, "");
    }

    /** Reads and parses a file once, reporting size, access and syntax problems; {@code from} is who named it. */
    private Optional<ParsedDocument> parse(String path, SourceLocation from, String fromPointer) {
        Optional<ParsedDocument> cached = parsed.get(path);
        if (cached != null) return cached;
        Optional<ParsedDocument> result = Optional.empty();
        SourceLocation blame = from != null ? from : SourceLocation.of(path);
        try {
            long size = files.size(path);
            if (size < 0) {
                problems.add(new SpecProblem(blame, fromPointer, "file not found: " + path,
                        "check the path (relative to the spec file) and that the file is committed"));
            } else if (size > limits.maxFileBytes()) {
                problems.add(new SpecProblem(SourceLocation.of(path), "", "the file is " + size + " bytes, more than the limit of "
                        + limits.maxFileBytes() + " bytes per spec file", "a spec file is a few kilobytes: remove generated content or split it"));
            } else if (bytesRead + size > limits.maxTotalBytes()) {
                problems.add(new SpecProblem(SourceLocation.of(path), "", "the spec files together exceed " + limits.maxTotalBytes()
                        + " bytes", "point Turnout at the folder holding the specs only"));
            } else {
                bytesRead += size;
                SpecFileParser.Result r = parser.parse(path, files.read(path));
                problems.addAll(r.problems());
                if (r.ok()) result = Optional.of(r.document());
            }
        } catch (DirectorySpecFiles.OutsideSpecRootException e) {
            problems.add(new SpecProblem(blame, fromPointer, e.getMessage(),
                    "copy the file into the spec repository instead of linking to it"));
        } catch (IOException e) {
            problems.add(new SpecProblem(blame, fromPointer, "cannot read " + path + ": " + e.getMessage(), "check that the file is readable"));
        }
        parsed.put(path, result);
        return result;
    }

    private LoadResult fail(SpecProblem problem) {
        problems.add(problem);
        return LoadResult.failed(sorted(problems));
    }

    static List<SpecProblem> sorted(List<SpecProblem> problems) {
        return problems.stream().distinct().sorted(Comparator
                .comparing((SpecProblem p) -> p.location().file())
                .thenComparingInt(p -> p.location().line())
                .thenComparingInt(p -> p.location().column())
                .thenComparing(SpecProblem::pointer)
                .thenComparing(SpecProblem::message)).toList();
    }
}
