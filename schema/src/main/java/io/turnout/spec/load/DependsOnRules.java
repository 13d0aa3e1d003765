package io.turnout.spec.load;

import io.turnout.spec.ServiceOverride;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.load.LoadRun.LoadedService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code dependsOn} (per service, or per environment in an override) names services that run in
 * the same environment, never the service itself, and never makes a cycle: each problem points at
 * the list entry to change. Checked per environment, as that is where the order applies; a problem
 * that comes from one list shared by several environments is reported once.
 */
final class DependsOnRules {
    /** Services named in a message before it says "…". */
    private static final int NAMED = 12;

    private final Map<String, LoadedService> services = new TreeMap<>();
    private final boolean someFileUnreadable;
    private final List<SpecProblem> problems = new ArrayList<>();
    /** Where a problem was reported already (file + pointer), so a list shared by environments is named once. */
    private final Set<String> reported = new LinkedHashSet<>();

    /** One effective entry: the service it belongs to, the name it lists and where it is written. */
    private record Edge(LoadedService from, String to, String pointer) {
    }

    DependsOnRules(List<LoadedService> services, boolean someFileUnreadable) {
        services.forEach(s -> this.services.putIfAbsent(s.spec().name(), s));
        this.someFileUnreadable = someFileUnreadable;
    }

    List<SpecProblem> check() {
        Map<String, List<LoadedService>> byEnvironment = new TreeMap<>();
        for (LoadedService s : services.values()) {
            for (String env : s.spec().environments()) byEnvironment.computeIfAbsent(env, e -> new ArrayList<>()).add(s);
        }
        byEnvironment.forEach(this::environment);
        return problems;
    }

    private void environment(String environment, List<LoadedService> running) {
        Set<String> here = running.stream().map(s -> s.spec().name()).collect(Collectors.toSet());
        Map<String, List<Edge>> graph = new TreeMap<>();
        for (LoadedService s : running) {
            List<Edge> edges = new ArrayList<>();
            for (Edge e : edges(s, environment)) {
                if (e.to().equals(s.spec().name())) {
                    report(e, "service '" + e.to() + "' depends on itself", "remove '" + e.to() + "' from this dependsOn list");
                } else if (!services.containsKey(e.to())) {
                    report(e, "unknown service '" + e.to() + "' in dependsOn", unknownFix(e.to()));
                } else if (!here.contains(e.to())) {
                    report(e, "service '" + e.to() + "' does not run in environment '" + environment + "' (its spec.environments: "
                                    + services.get(e.to()).spec().environments() + "), so " + s.spec().name() + " cannot wait for it there",
                            "remove it from this list, or give " + s.spec().name() + " an override for '" + environment
                                    + "' with its own dependsOn");
                } else {
                    edges.add(e);
                }
            }
            graph.put(s.spec().name(), edges);
        }
        cycles(environment, graph);
    }

    /** The list that applies in {@code environment}: the override's if it has one, else the service's own. */
    private static List<Edge> edges(LoadedService s, String environment) {
        ServiceOverride override = s.spec().overrides().get(environment);
        boolean overridden = override != null && override.dependsOn().isPresent();
        List<String> names = overridden ? override.dependsOn().get() : s.spec().dependsOn();
        String base = overridden ? "/spec/overrides/" + TreeReader.escape(environment) + "/dependsOn/" : "/spec/dependsOn/";
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) edges.add(new Edge(s, names.get(i), base + i));
        return edges;
    }

    /** Every cycle once, named from its first service by name, at the entry that closes it there. */
    private void cycles(String environment, Map<String, List<Edge>> graph) {
        Map<String, Integer> state = new HashMap<>(); // absent: unseen, 1: on the path, 2: done
        for (String start : graph.keySet()) {
            if (!state.containsKey(start)) visit(start, graph, state, new LinkedHashMap<>(), environment);
        }
    }

    private void visit(String service, Map<String, List<Edge>> graph, Map<String, Integer> state,
                       LinkedHashMap<String, Edge> path, String environment) {
        state.put(service, 1);
        for (Edge e : graph.getOrDefault(service, List.of())) {
            Integer seen = state.get(e.to());
            path.put(service, e);
            if (seen == null) {
                visit(e.to(), graph, state, path, environment);
            } else if (seen == 1) {
                cycle(path, e.to(), environment);
            }
            path.remove(service);
        }
        state.put(service, 2);
    }

    /** The cycle is the part of {@code path} from {@code back} on; reported at the entry of its first service by name. */
    private void cycle(LinkedHashMap<String, Edge> path, String back, String environment) {
        List<Edge> loop = new ArrayList<>();
        boolean in = false;
        for (Map.Entry<String, Edge> step : path.entrySet()) {
            if (step.getKey().equals(back)) in = true;
            if (in) loop.add(step.getValue());
        }
        int first = 0;
        for (int i = 1; i < loop.size(); i++) {
            if (loop.get(i).from().spec().name().compareTo(loop.get(first).from().spec().name()) < 0) first = i;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= loop.size(); i++) names.add(loop.get((first + i) % loop.size()).from().spec().name());
        Edge at = loop.get(first);
        report(at, "dependsOn makes a cycle in environment '" + environment + "': " + String.join(" → ", names)
                        + ", so none of them could ever start",
                "remove one of these dependencies (services without dependsOn deploy side by side)");
    }

    private void report(Edge at, String message, String fix) {
        String where = at.from().doc().path() + "#" + at.pointer();
        if (!reported.add(where)) return;
        problems.add(new SpecProblem(at.from().doc().positions().locateValue(at.pointer()), at.pointer(), message, fix));
    }

    private String unknownFix(String name) {
        String known = services.keySet().stream().limit(NAMED).collect(Collectors.joining(", "))
                + (services.size() > NAMED ? ", …" : "");
        return Suggestions.closest(name, services.keySet()).map(n -> "did you mean '" + n + "'? ").orElse("")
                + "dependsOn names services by metadata.name (known: " + known + ")"
                + (someFileUnreadable ? " (if a file that failed to parse defines it, fix that file first)" : "");
    }
}
