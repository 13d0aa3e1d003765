package io.turnout.importer;

import io.turnout.spec.SpecProblem;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the imported files pass Turnout's own validation, the one every spec passes: the
 * loader checks them as they would be written; a value the spec format does not take (a field
 * it has no place for yet, a value AWS would refuse too, a placeholder) is taken out and listed
 * with the loader's own message; a service whose problem cannot be taken out that way (its
 * containers, its strategy) is not written at all, and listed with why. So the repository an
 * import writes always validates.
 */
final class SpecFitting {
    private static final Pattern TASK_DEFINITION_FILE = Pattern.compile("services/([^/]+)/[^/]+\\.taskdef\\.json");
    private static final Pattern SERVICE_FILE = Pattern.compile("services/([^/]+)/service\\.yaml");
    /** A container field (not its name or image) or a top-level field of a task definition (not its family or containers). */
    private static final Pattern REMOVABLE_IN_TASK_DEFINITION = Pattern.compile(
            "/containerDefinitions/\\d+/(?!name(/|$))(?!image(/|$))[^/]+(/.*)?|/(?!family(/|$))(?!containerDefinitions(/|$))[^/]+(/.*)?");
    /** Each round takes one value out; enough for the messiest real definitions seen. */
    private static final int ROUNDS = 200;

    private SpecFitting() {}

    /** The services as they validate, by name; what had to go is added to each, services that cannot be fitted to {@code refused}. */
    static Map<String, ImportedService> fit(String environmentFile, String environmentText, String environment,
                                            Map<String, ImportedService> services, List<Unexpressed> refused) {
        Map<String, ImportedService> current = new LinkedHashMap<>(services);
        for (int round = 0; round < ROUNDS; round++) {
            ImportedFiles files = new ImportedFiles();
            files.put(environmentFile, environmentText);
            current.values().forEach(s -> {
                files.put(ImportWriter.servicePath(s.name()), ImportWriter.service(s, environment));
                files.put(ImportWriter.taskDefinitionPath(s.name()), ImportWriter.taskDefinition(s.taskDefinition()));
            });
            LoadResult loaded = new SpecLoader().load(files);
            if (loaded.isValid()) return current;
            boolean changed = false;
            for (SpecProblem p : loaded.problems()) {
                String file = p.location().file();
                Matcher td = TASK_DEFINITION_FILE.matcher(file);
                Matcher svc = SERVICE_FILE.matcher(file);
                String name = td.matches() ? td.group(1) : svc.matches() ? svc.group(1) : null;
                if (name == null || !current.containsKey(name)) {
                    throw new ImportException("the imported " + file + " does not validate: " + p.describe(),
                            "this is a bug in turnout import; report it with the input that caused it");
                }
                ImportedService s = current.get(name);
                String pointer = p.pointer() == null ? "" : p.pointer();
                ImportedService fitted = null;
                if (td.matches() && REMOVABLE_IN_TASK_DEFINITION.matcher(pointer).matches()) {
                    ObjectNode copy = s.taskDefinition().deepCopy();
                    if (remove(copy, pointer)) fitted = with(s, copy, s.service(), s.strategy(), pointer, p);
                } else if (svc.matches() && pointer.startsWith("/spec/service/")) {
                    ObjectNode copy = s.service().deepCopy();
                    if (remove(copy, pointer.substring("/spec/service".length()))) {
                        fitted = with(s, s.taskDefinition(), copy, s.strategy(), "service" + pointer.substring("/spec/service".length()), p);
                    }
                } else if (svc.matches() && pointer.matches("/spec/strategy/blueGreen/autoScaling(/.*)?")) {
                    ObjectNode copy = s.strategy().deepCopy();
                    ((ObjectNode) copy.path("blueGreen")).remove("autoScaling");
                    fitted = with(s, s.taskDefinition(), s.service(), copy, "strategy.blueGreen.autoScaling", p);
                }
                if (fitted != null) {
                    current.put(name, fitted);
                } else {
                    current.remove(name);
                    refused.add(new Unexpressed(name, String.join(", ", s.ecsServices()), "not imported: "
                            + p.describe().replace(file, ImportWriter.servicePath(name).equals(file) ? "its spec" : "its task definition")));
                }
                changed = true;
                break; // one change per round: other problems may go with it
            }
            if (!changed) break;
        }
        return current;
    }

    private static ImportedService with(ImportedService s, ObjectNode td, ObjectNode service, ObjectNode strategy,
                                        String what, SpecProblem problem) {
        List<Unexpressed> unexpressed = new ArrayList<>(s.unexpressed());
        unexpressed.add(new Unexpressed(s.name(), what.replace('/', '.').replaceAll("^\\.", ""), "left out: "
                + problem.message() + (problem.fix() == null || problem.fix().isEmpty() ? "" : " (" + problem.fix() + ")")));
        return new ImportedService(s.name(), s.ecsServices(), td, service, strategy, s.remarks(), unexpressed, s.summary());
    }

    /** Removes the value at {@code pointer}; false when there is none. */
    private static boolean remove(ObjectNode root, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        String last = p.last().getMatchingProperty();
        if (parent instanceof ObjectNode o && o.has(last)) {
            o.remove(last);
            return true;
        }
        if (parent instanceof ArrayNode a && p.last().getMatchingIndex() >= 0 && p.last().getMatchingIndex() < a.size()) {
            a.remove(p.last().getMatchingIndex());
            return true;
        }
        return false;
    }
}
