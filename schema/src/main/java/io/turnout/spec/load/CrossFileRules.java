package io.turnout.spec.load;

import io.turnout.spec.BlueGreen;
import io.turnout.spec.CodeDeploy;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.EcsNative;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.JsonMerge;
import io.turnout.spec.Rolling;
import io.turnout.spec.ServiceOverride;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.SingleService;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.Verification;
import io.turnout.spec.WeightStep;
import io.turnout.spec.load.LoadRun.LoadedEnvironment;
import io.turnout.spec.load.LoadRun.LoadedService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The rules JSON Schema cannot express because they span fields or files: names exist and
 * are unique, overrides name the service's environments, the container port matches the
 * target groups (as ECS would reject it, but before anything reaches AWS), listeners and
 * slots are distinct, weight steps make sense, dependsOn names services of the same environment
 * without a cycle ({@link DependsOnRules}). Each problem points at the field to change.
 */
final class CrossFileRules {
    private static final String ELB = "/spec/strategy/blueGreen/traffic/elb";
    private static final String DNS = "/spec/strategy/blueGreen/traffic/dns";
    private static final String ROLLING = "/spec/strategy/rolling";

    private final List<LoadedEnvironment> environments;
    private final List<LoadedService> services;
    private final Set<String> namesOfInvalidEnvironments;
    private final boolean someFileUnreadable;
    private final List<SpecProblem> problems = new ArrayList<>();

    /**
     * @param namesOfInvalidEnvironments environments whose file has problems of its own: not
     *                                   reported again as unknown, which would only be noise
     * @param someFileUnreadable         a YAML file failed to parse (it may define a missing name)
     */
    CrossFileRules(List<LoadedEnvironment> environments, List<LoadedService> services,
                   Set<String> namesOfInvalidEnvironments, boolean someFileUnreadable) {
        this.environments = environments;
        this.services = services;
        this.namesOfInvalidEnvironments = namesOfInvalidEnvironments;
        this.someFileUnreadable = someFileUnreadable;
    }

    List<SpecProblem> check() {
        uniqueNames();
        Map<String, LoadedEnvironment> byName = new LinkedHashMap<>();
        environments.forEach(e -> byName.putIfAbsent(e.spec().name(), e));
        for (LoadedService s : services) {
            environmentsExist(s, byName);
            overridesNameEnvironments(s);
            autoScalingBounds(s);
            if (s.spec().strategy() instanceof BlueGreen bg) {
                switch (bg.traffic()) {
                    case ElbTraffic elb -> elbRules(s, elb, byName);
                    case DnsTraffic dns -> dnsRules(s, dns);
                }
                slotNamesDiffer(s, bg);
            }
            if (s.spec().strategy() instanceof Rolling rolling && rolling.targetGroup().isPresent()) {
                Rolling.TargetGroupRoute route = rolling.targetGroup().get();
                for (Map.Entry<String, JsonNode> td : effectiveTaskDefinitions(s, byName).entrySet()) {
                    if (!containerPortMatches(s, ROLLING, route.containerName(), route.containerPort(),
                            "target group " + route.targetGroup(), td.getKey(), td.getValue())) break;
                }
            }
            taskCheckContainers(s, byName);
            hookContainers(s, byName);
            EngineRules.check(s, effectiveTaskDefinitions(s, byName), problems);
        }
        problems.addAll(new DependsOnRules(services, someFileUnreadable).check());
        ecsServicesClaimedOnce();
        return problems;
    }

    private void slotNamesDiffer(LoadedService s, BlueGreen bg) {
        SlotPair<String> names = bg.ecsServiceNames(s.spec().name());
        if (!names.a().equals(names.b())) return;
        String pointer = "/spec/strategy/blueGreen/slots/" + (bg.adopted(Slot.B) ? "b" : "a");
        problems.add(new SpecProblem(s.doc().positions().locateValue(pointer), pointer,
                "both slots are ECS service '" + names.a() + "'",
                "blue/green needs two ECS services: name another one for the other slot, or leave it out"
                        + " (Turnout then creates " + Slot.B.ecsServiceName(s.spec().name()) + ")"));
    }

    /**
     * Two services of one environment naming the same ECS service (an adopted slot, or a
     * rolling service's serviceName) would deploy over each other.
     */
    private void ecsServicesClaimedOnce() {
        Map<String, LoadedService> claimed = new HashMap<>();
        for (LoadedService s : services) {
            List<String> names = switch (s.spec().strategy()) {
                case BlueGreen bg -> List.of(bg.ecsServiceName(s.spec().name(), Slot.A), bg.ecsServiceName(s.spec().name(), Slot.B));
                case SingleService single -> List.of(single.ecsServiceName(s.spec().name()));
            };
            for (String ecsName : names) {
                LoadedService first = claimed.get(ecsName);
                if (first == null) {
                    claimed.put(ecsName, s);
                } else if (first != s && first.spec().environments().stream().anyMatch(s.spec().environments()::contains)) {
                    problems.add(new SpecProblem(s.doc().locate("/spec/strategy"), "/spec/strategy",
                            "ECS service '" + ecsName + "' is also service '" + first.spec().name() + "' (" + first.doc().path()
                                    + ") in the same environment",
                            "each ECS service belongs to one Turnout service: name another one"));
                }
            }
        }
    }

    private void uniqueNames() {
        Map<String, LoadedEnvironment> seenEnvironments = new HashMap<>();
        for (LoadedEnvironment e : environments) {
            LoadedEnvironment first = seenEnvironments.putIfAbsent(e.spec().name(), e);
            if (first != null) duplicate(e.doc(), "environment", e.spec().name(), first.doc());
        }
        Map<String, LoadedService> seenServices = new HashMap<>();
        Map<String, LoadedService> seenFamilies = new HashMap<>();
        for (LoadedService s : services) {
            LoadedService first = seenServices.putIfAbsent(s.spec().name(), s);
            if (first != null) duplicate(s.doc(), "service", s.spec().name(), first.doc());
            String family = s.spec().taskDefinition().path("family").asString();
            LoadedService sameFamily = seenFamilies.putIfAbsent(family, s);
            if (sameFamily != null && first == null) {
                problems.add(new SpecProblem(s.taskDefinitionDoc().locate(s.taskDefinitionPointer() + "/family"), s.taskDefinitionPointer() + "/family",
                        "task definition family '" + family + "' is also used by service '" + sameFamily.spec().name() + "' ("
                                + sameFamily.doc().path() + ")",
                        "give each service its own family (Turnout registers one family per service), usually the service name"));
            }
        }
    }

    private void duplicate(ParsedDocument doc, String what, String name, ParsedDocument first) {
        problems.add(new SpecProblem(doc.locate("/metadata/name"), "/metadata/name",
                what + " '" + name + "' is defined twice (also in " + first.locate("/metadata/name") + ")",
                "rename one of them or delete the duplicate file"));
    }

    private void environmentsExist(LoadedService s, Map<String, LoadedEnvironment> byName) {
        List<String> names = s.spec().environments();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (byName.containsKey(name) || namesOfInvalidEnvironments.contains(name)) continue;
            String pointer = "/spec/environments/" + i;
            problems.add(new SpecProblem(s.doc().positions().locateValue(pointer), pointer, "unknown environment '" + name + "'",
                    Suggestions.closest(name, byName.keySet()).map(n -> "did you mean '" + n + "'? ").orElse("")
                            + (byName.isEmpty() ? "no environment is defined: add a file with kind: Environment and metadata.name: " + name
                            : "known environments: " + String.join(", ", byName.keySet()) + "; or add a file with kind: Environment and metadata.name: " + name)
                            + (someFileUnreadable ? " (if a file that failed to parse defines it, fix that file first)" : "")));
        }
    }

    private void overridesNameEnvironments(LoadedService s) {
        for (String key : s.spec().overrides().keySet()) {
            if (s.spec().environments().contains(key)) continue;
            String pointer = "/spec/overrides/" + TreeReader.escape(key);
            problems.add(new SpecProblem(s.doc().positions().locateKey(pointer), pointer,
                    "override for '" + key + "', which is not one of spec.environments " + s.spec().environments(),
                    Suggestions.closest(key, s.spec().environments()).map(n -> "did you mean '" + n + "'? ").orElse("")
                            + "add '" + key + "' to spec.environments or remove this override"));
        }
    }

    private void autoScalingBounds(LoadedService s) {
        JsonNode spec = s.doc().at("/spec");
        List<String> pointers = new ArrayList<>();
        if (spec.at("/strategy/blueGreen/autoScaling").isObject()) pointers.add("/spec/strategy/blueGreen/autoScaling");
        for (String env : s.spec().overrides().keySet()) {
            if (spec.path("overrides").path(env).path("autoScaling").isObject()) {
                pointers.add("/spec/overrides/" + TreeReader.escape(env) + "/autoScaling");
            }
        }
        for (String pointer : pointers) {
            JsonNode a = s.doc().at(pointer);
            int min = a.path("minCapacity").asInt();
            int max = a.path("maxCapacity").asInt();
            if (min > max) {
                problems.add(new SpecProblem(s.doc().positions().locateValue(pointer + "/minCapacity"), pointer + "/minCapacity",
                        "minCapacity " + min + " is greater than maxCapacity " + max, "set minCapacity <= maxCapacity"));
            }
        }
    }

    private void elbRules(LoadedService s, ElbTraffic elb, Map<String, LoadedEnvironment> byName) {
        if (elb.targetGroups().a().equals(elb.targetGroups().b())) {
            problems.add(new SpecProblem(s.doc().positions().locateValue(ELB + "/targetGroups/b"), ELB + "/targetGroups/b",
                    "both slots use target group '" + elb.targetGroups().a() + "'",
                    "give slot b its own target group (blue/green needs two), e.g. " + s.spec().name() + "-b"));
        }
        listeners(s, elb);
        for (Map.Entry<String, JsonNode> td : effectiveTaskDefinitions(s, byName).entrySet()) {
            if (!containerPortMatches(s, ELB, elb.containerName(), elb.containerPort(),
                    "target groups " + elb.targetGroups().a() + ", " + elb.targetGroups().b(), td.getKey(), td.getValue())) break;
        }
    }

    private void listeners(LoadedService s, ElbTraffic elb) {
        if (elb.prodListenerPort() != elb.stageListenerPort()) return;
        String pointer = ELB + "/stageListener/port";
        if (elb.prodRule().isEmpty() || elb.stageRule().isEmpty()) {
            problems.add(new SpecProblem(s.doc().positions().locateValue(pointer), pointer,
                    "prodListener and stageListener are both port " + elb.prodListenerPort()
                            + ", so testing the new slot would move production traffic",
                    "use a separate stage listener (e.g. port 8443), or give both prodRule and stageRule (with different priorities) on the shared listener"));
        } else if (elb.prodRule().get().priority() == elb.stageRule().get().priority()) {
            String rule = ELB + "/stageRule/priority";
            problems.add(new SpecProblem(s.doc().positions().locateValue(rule), rule,
                    "prodRule and stageRule are the same rule: priority " + elb.stageRule().get().priority() + " on listener " + elb.prodListenerPort(),
                    "give stageRule a different priority (each rule on a listener has its own)"));
        }
    }

    /**
     * The container the load balancer sends to must map the port (AWS refuses CreateService
     * otherwise). The target group's own port may differ: ECS registers the container port.
     * One problem per service is enough: the same mismatch would repeat for each environment.
     */
    private boolean containerPortMatches(LoadedService s, String block, String containerName, int containerPort,
                                         String targets, String environment, JsonNode td) {
        String where = environment.isEmpty() ? "" : " in environment '" + environment + "' (after overrides)";
        Optional<JsonNode> container = container(td, containerName);
        if (container.isEmpty()) {
            problems.add(new SpecProblem(s.doc().positions().locateValue(block + "/container/name"), block + "/container/name",
                    "no container named '" + containerName + "' in the task definition" + where + " (containers: "
                            + String.join(", ", containerNames(td)) + ")",
                    Suggestions.closest(containerName, containerNames(td)).map(n -> "did you mean '" + n + "'? ").orElse("")
                            + "set container.name to the container that serves traffic"));
            return false;
        }
        List<Integer> ports = new ArrayList<>();
        container.get().path("portMappings").forEach(m -> ports.add(m.path("containerPort").asInt()));
        if (ports.contains(containerPort)) return true;
        String tdFile = s.taskDefinitionDoc() == s.doc() ? "spec.taskDefinition.inline" : s.taskDefinitionDoc().path();
        // ECS's own wording (CreateService InvalidParameterException), so the message is searchable
        problems.add(new SpecProblem(s.doc().positions().locateValue(block + "/container/port"), block + "/container/port",
                "No container definition has port mapping that matches the target port " + containerPort
                        + " of " + targets + ": container '" + containerName + "' maps " + ports + where,
                "Set " + block.substring(1).replace('/', '.') + ".container.port to one of those ports or add a portMapping"
                        + " with containerPort " + containerPort + " to container '" + containerName + "' in " + tdFile));
        return false;
    }

    private void dnsRules(LoadedService s, DnsTraffic dns) {
        if (dns.cloudMapServices().a().equals(dns.cloudMapServices().b())) {
            problems.add(new SpecProblem(s.doc().positions().locateValue(DNS + "/cloudMapServices/b"), DNS + "/cloudMapServices/b",
                    "both slots use Cloud Map service '" + dns.cloudMapServices().a() + "'",
                    "give slot b its own Cloud Map service, e.g. " + s.spec().name() + "-b"));
        }
        List<WeightStep> steps = dns.weightSteps();
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).weight() <= steps.get(i - 1).weight()) {
                String pointer = DNS + "/weightSteps/" + i + "/weight";
                problems.add(new SpecProblem(s.doc().positions().locateValue(pointer), pointer,
                        "weight steps must increase: step " + (i + 1) + " has weight " + steps.get(i).weight() + " after "
                                + steps.get(i - 1).weight(), "list the new slot's weights in increasing order, e.g. 10, 50, 100"));
            }
        }
        int last = steps.getLast().weight();
        if (last != 100) {
            String pointer = DNS + "/weightSteps/" + (steps.size() - 1) + "/weight";
            problems.add(new SpecProblem(s.doc().positions().locateValue(pointer), pointer,
                    "the last weight step is " + last + ", so the swap would never finish",
                    "end weightSteps with {weight: 100}"));
        }
    }

    private void taskCheckContainers(LoadedService s, Map<String, LoadedEnvironment> byName) {
        Optional<Verification> own;
        String block;
        switch (s.spec().strategy()) {
            case BlueGreen bg -> {
                own = bg.verification();
                block = "blueGreen";
            }
            case EcsNative e -> {
                own = e.verification();
                block = "ecs";
            }
            case CodeDeploy c -> {
                own = c.verification();
                block = "codeDeploy";
            }
            case Rolling r -> {
                return;
            }
        }
        Map<String, JsonNode> tds = effectiveTaskDefinitions(s, byName);
        if (own.isPresent()) {
            own.get().task().ifPresent(task -> {
                String pointer = "/spec/strategy/" + block + "/verification/task/container";
                for (Map.Entry<String, JsonNode> td : tds.entrySet()) {
                    if (container(td.getValue(), task.container()).isPresent()) continue;
                    problems.add(new SpecProblem(s.doc().positions().locateValue(pointer), pointer,
                            "verification task container '" + task.container() + "' is not in the task definition"
                                    + (td.getKey().isEmpty() ? "" : " in environment '" + td.getKey() + "'")
                                    + " (containers: " + String.join(", ", containerNames(td.getValue())) + ")",
                            "name one of the task definition's containers"));
                    break;
                }
            });
            return;
        }
        for (String envName : s.spec().environments()) {
            LoadedEnvironment env = byName.get(envName);
            if (env == null) continue;
            env.spec().deployment().verification().task().ifPresent(task -> {
                JsonNode td = tds.getOrDefault(envName, s.spec().taskDefinition());
                if (container(td, task.container()).isPresent()) return;
                String pointer = "/spec/deployment/verification/task/container";
                problems.add(new SpecProblem(env.doc().positions().locateValue(pointer), pointer,
                        "verification task container '" + task.container() + "' (the environment's default) is not in service '"
                                + s.spec().name() + "' (" + s.doc().path() + ", containers: " + String.join(", ", containerNames(td)) + ")",
                        "give service '" + s.spec().name() + "' its own spec.strategy." + block + ".verification, or name a container every service has"));
            });
        }
    }

    /** The pre-deploy task overrides a container's command: that container must be in every effective task definition. */
    private void hookContainers(LoadedService s, Map<String, LoadedEnvironment> byName) {
        if (s.spec().hooks().beforeDeploy().isEmpty()) return;
        String container = s.spec().hooks().beforeDeploy().get().container();
        String pointer = "/spec/hooks/beforeDeploy/container";
        for (Map.Entry<String, JsonNode> td : effectiveTaskDefinitions(s, byName).entrySet()) {
            if (container(td.getValue(), container).isPresent()) continue;
            problems.add(new SpecProblem(s.doc().positions().locateValue(pointer), pointer,
                    "pre-deploy task container '" + container + "' is not in the task definition"
                            + (td.getKey().isEmpty() ? "" : " in environment '" + td.getKey() + "'")
                            + " (containers: " + String.join(", ", containerNames(td.getValue())) + ")",
                    Suggestions.closest(container, containerNames(td.getValue())).map(n -> "did you mean '" + n + "'? ").orElse("")
                            + "name the container whose command runs the task (e.g. the application's, for a migration)"));
            return;
        }
    }

    /** "" → the base task definition; then each environment that overrides it, overrides applied. */
    private static Map<String, JsonNode> effectiveTaskDefinitions(LoadedService s, Map<String, LoadedEnvironment> byName) {
        ServiceSpec spec = s.spec();
        Map<String, JsonNode> result = new LinkedHashMap<>();
        result.put("", spec.taskDefinition());
        for (String env : spec.environments()) {
            ServiceOverride o = spec.overrides().get(env);
            if (o == null || o.taskDefinition().isEmpty() || !byName.containsKey(env)) continue;
            result.put(env, JsonMerge.merge(spec.taskDefinition(), o.taskDefinition().get()));
        }
        return result;
    }

    private static Optional<JsonNode> container(JsonNode td, String name) {
        for (JsonNode c : td.path("containerDefinitions")) {
            if (name.equals(c.path("name").asString())) return Optional.of(c);
        }
        return Optional.empty();
    }

    private static List<String> containerNames(JsonNode td) {
        List<String> names = new ArrayList<>();
        td.path("containerDefinitions").forEach(c -> names.add(c.path("name").asString()));
        return names;
    }

}
