package io.turnout.spec.load;

import io.turnout.spec.CodeDeploy;
import io.turnout.spec.EcsNative;
import io.turnout.spec.JsonMerge;
import io.turnout.spec.ServiceOverride;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.load.LoadRun.LoadedService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What AWS's own deployment engines need, checked on each environment's effective service
 * settings (overrides applied) so that AWS never refuses it half-way through a deployment (what
 * blueGreen and rolling may not have — loadBalancers of their own, ECS's BLUE_GREEN, LINEAR and
 * CANARY — is {@link ServiceSettingsRules}'):
 * <ul>
 *   <li>the settings of ECS's blue/green deployments (bake time, linear, canary, lifecycle
 *       hooks) only with {@code deploymentConfiguration.strategy} BLUE_GREEN, LINEAR or CANARY;
 *       under {@code codeDeploy}, CodeDeploy shifts the traffic;</li>
 *   <li>BLUE_GREEN, LINEAR and CANARY: every load balancer names its {@code advancedConfiguration}
 *       (AWS: "advancedConfiguration is required"), or Service Connect is on; a
 *       {@code linearConfiguration} only with LINEAR, a {@code canaryConfiguration} only with CANARY;</li>
 *   <li>{@code codeDeploy}: exactly one load balancer with a target group (the deployment group
 *       holds the second one), as CodeDeploy's ECS blue/green requires;</li>
 *   <li>each load balancer's container maps its port in the task definition.</li>
 * </ul>
 * A problem points at the override that sets the field when one does, else at spec.service.
 */
final class EngineRules {
    private static final String DC = "/deploymentConfiguration";
    private static final Set<String> ECS_BLUE_GREEN_FIELDS = Set.of("bakeTimeInMinutes", "linearConfiguration",
            "canaryConfiguration", "lifecycleHooks");

    private final LoadedService s;
    private final List<SpecProblem> problems;
    private final Map<String, JsonNode> taskDefinitions;

    private EngineRules(LoadedService s, Map<String, JsonNode> taskDefinitions, List<SpecProblem> problems) {
        this.s = s;
        this.taskDefinitions = taskDefinitions;
        this.problems = problems;
    }

    /**
     * @param taskDefinitions each environment's effective task definition ("" for the base), as
     *                        {@code CrossFileRules} computes them
     */
    static void check(LoadedService s, Map<String, JsonNode> taskDefinitions, List<SpecProblem> problems) {
        new EngineRules(s, taskDefinitions, problems).run();
    }

    private void run() {
        for (Map.Entry<String, Settings> e : effectiveSettings().entrySet()) {
            int before = problems.size();
            check(e.getKey(), e.getValue());
            // the same mistake in the base would repeat for every environment: once is enough
            if (problems.size() > before && e.getKey().isEmpty()) return;
        }
    }

    /** The base settings ("") and each environment whose override changes them, with where each field came from. */
    private Map<String, Settings> effectiveSettings() {
        Map<String, Settings> result = new LinkedHashMap<>();
        JsonNode base = s.spec().service();
        result.put("", new Settings(base, Optional.empty()));
        for (String env : s.spec().environments()) {
            ServiceOverride o = s.spec().overrides().get(env);
            if (o == null || o.service().isEmpty()) continue;
            result.put(env, new Settings(JsonMerge.merge(base, o.service().get()), o.service()));
        }
        return result;
    }

    /** Effective settings, and the override's own part (to point at it when it sets a field). */
    private record Settings(JsonNode effective, Optional<JsonNode> override) {}

    private void check(String env, Settings settings) {
        JsonNode svc = settings.effective();
        String ecsStrategy = svc.at(DC + "/strategy").asString("ROLLING");
        JsonNode lbs = svc.path("loadBalancers");
        switch (s.spec().strategy()) {
            case EcsNative e -> ecs(env, settings, ecsStrategy, lbs);
            case CodeDeploy c -> codeDeploy(env, settings, ecsStrategy, lbs);
            // blueGreen and rolling: ServiceSettingsRules refuses their loadBalancers and ECS's own strategies
            default -> { }
        }
    }

    private void ecs(String env, Settings settings, String ecsStrategy, JsonNode lbs) {
        JsonNode svc = settings.effective();
        boolean native_ = !ecsStrategy.equals("ROLLING");
        if (!native_) {
            blueGreenFieldsOnlyWithEcs(env, settings, "deploymentConfiguration.strategy ROLLING");
        }
        if (!ecsStrategy.equals("LINEAR") && has(svc, DC + "/linearConfiguration")) {
            add(env, settings, DC + "/linearConfiguration", "linearConfiguration is for deploymentConfiguration.strategy LINEAR, not "
                    + ecsStrategy, "set deploymentConfiguration.strategy: LINEAR, or remove linearConfiguration");
        }
        if (!ecsStrategy.equals("CANARY") && has(svc, DC + "/canaryConfiguration")) {
            add(env, settings, DC + "/canaryConfiguration", "canaryConfiguration is for deploymentConfiguration.strategy CANARY, not "
                    + ecsStrategy, "set deploymentConfiguration.strategy: CANARY, or remove canaryConfiguration");
        }
        boolean serviceConnect = svc.at("/serviceConnectConfiguration/enabled").asBoolean(false);
        for (int i = 0; i < lbs.size(); i++) {
            JsonNode lb = lbs.get(i);
            if (native_ && !lb.has("advancedConfiguration")) {
                add(env, settings, "/loadBalancers/" + i, "ECS's " + ecsStrategy + " deployments need loadBalancers[" + i
                                + "].advancedConfiguration (AWS refuses the service without it)",
                        "add advancedConfiguration with alternateTargetGroupArn (the second target group), productionListenerRule,"
                                + " testListenerRule and roleArn (the role ECS moves the listener rules with)");
            }
            if (native_ && lb.has("loadBalancerName")) {
                add(env, settings, "/loadBalancers/" + i + "/loadBalancerName", "a Classic Load Balancer cannot take part in ECS's "
                        + ecsStrategy + " deployments", "use an Application or Network Load Balancer target group (targetGroupArn)");
            }
            if (!lb.has("targetGroupArn") && !lb.has("loadBalancerName")) {
                add(env, settings, "/loadBalancers/" + i, "loadBalancers[" + i + "] names neither targetGroupArn nor loadBalancerName",
                        "set targetGroupArn to the target group production traffic goes to");
            }
            containerPort(env, settings, i, lb);
        }
        if (native_ && lbs.isEmpty() && !serviceConnect) {
            add(env, settings, DC + "/strategy", "deploymentConfiguration.strategy " + ecsStrategy + " moves traffic between two"
                    + " revisions, but the service has neither loadBalancers nor Service Connect",
                    "add loadBalancers with advancedConfiguration (or Service Connect with test traffic rules), or use strategy ROLLING");
        }
    }

    private void codeDeploy(String env, Settings settings, String ecsStrategy, JsonNode lbs) {
        if (!ecsStrategy.equals("ROLLING") || has(settings.effective(), DC + "/strategy")) {
            add(env, settings, DC + "/strategy", "deploymentConfiguration.strategy does not apply to a service under CodeDeploy:"
                    + " its deployment group shifts the traffic", "remove deploymentConfiguration.strategy; choose all-at-once, linear or"
                    + " canary with spec.strategy.codeDeploy.deploymentConfigName");
        }
        blueGreenFieldsOnlyWithEcs(env, settings, "spec.strategy.codeDeploy");
        if (lbs.size() != 1 || !lbs.get(0).has("targetGroupArn")) {
            add(env, settings, "/loadBalancers", "a service under CodeDeploy needs exactly one load balancer entry with a targetGroupArn"
                            + " (the deployment group holds the second target group), found " + lbs.size(),
                    "set loadBalancers to [{targetGroupArn: <the production target group>, containerName, containerPort}]");
            return;
        }
        if (lbs.get(0).has("advancedConfiguration")) {
            add(env, settings, "/loadBalancers/0/advancedConfiguration", "advancedConfiguration is for ECS's own blue/green, not CodeDeploy's",
                    "remove it: the deployment group names the second target group and the listeners");
        }
        containerPort(env, settings, 0, lbs.get(0));
    }

    private void blueGreenFieldsOnlyWithEcs(String env, Settings settings, String why) {
        for (String field : ECS_BLUE_GREEN_FIELDS.stream().sorted().toList()) {
            JsonNode value = settings.effective().at(DC + "/" + field);
            if (value.isMissingNode() || value.isNull() || (value.isArray() && value.isEmpty())) continue;
            // DescribeServices reports bakeTimeInMinutes 0 for every service since July 2025, ROLLING ones
            // too, so dumps of them (ecspresso's) carry it; AWS accepts it, and 0 changes nothing
            if (field.equals("bakeTimeInMinutes") && value.isNumber() && value.asInt() == 0) continue;
            add(env, settings, DC + "/" + field, "deploymentConfiguration." + field + " belongs to ECS's BLUE_GREEN, LINEAR and CANARY"
                    + " deployments, which " + why + " does not use", "remove deploymentConfiguration." + field
                    + (why.startsWith("deploymentConfiguration") ? ", or set deploymentConfiguration.strategy" : ""));
        }
    }

    /** The container must map the port (ECS refuses CreateService and UpdateService otherwise). */
    private void containerPort(String env, Settings settings, int i, JsonNode lb) {
        String name = lb.path("containerName").asString("");
        int port = lb.path("containerPort").asInt(0);
        JsonNode td = taskDefinitions.getOrDefault(env, taskDefinitions.get(""));
        if (td == null) return;
        JsonNode container = null;
        List<String> names = new ArrayList<>();
        for (JsonNode c : td.path("containerDefinitions")) {
            names.add(c.path("name").asString());
            if (name.equals(c.path("name").asString())) container = c;
        }
        if (container == null) {
            add(env, settings, "/loadBalancers/" + i + "/containerName", "no container named '" + name + "' in the task definition"
                    + " (containers: " + String.join(", ", names) + ")",
                    Suggestions.closest(name, names).map(n -> "did you mean '" + n + "'? ").orElse("")
                            + "set containerName to the container that serves traffic");
            return;
        }
        List<Integer> ports = new ArrayList<>();
        container.path("portMappings").forEach(m -> ports.add(m.path("containerPort").asInt()));
        if (!ports.contains(port)) {
            // ECS's own wording (CreateService InvalidParameterException), so the message is searchable
            add(env, settings, "/loadBalancers/" + i + "/containerPort", "The container " + name + " did not have a container port "
                    + port + " defined: it maps " + ports, "set containerPort to one of those ports, or add a portMapping with"
                    + " containerPort " + port + " to container '" + name + "'");
        }
    }

    private static String where(String env) {
        return env.isEmpty() ? "" : " in environment '" + env + "' (after overrides)";
    }

    private static boolean has(JsonNode node, String pointer) {
        JsonNode v = node.at(pointer);
        return !v.isMissingNode() && !v.isNull();
    }

    /** A problem at {@code pointer} (relative to the settings): in the override when it sets the field, else in spec.service. */
    private void add(String env, Settings settings, String pointer, String message, String fix) {
        boolean inOverride = settings.override().map(o -> has(o, pointer.isEmpty() ? "" : firstSegment(pointer))).orElse(false);
        String base = inOverride ? "/spec/overrides/" + TreeReader.escape(env) + "/service" : "/spec/service";
        String full = base + pointer;
        String shown = env.isEmpty() || inOverride ? message : message + where(env);
        problems.add(new SpecProblem(s.doc().positions().locateValue(full), full, shown, fix));
    }

    private static String firstSegment(String pointer) {
        int next = pointer.indexOf('/', 1);
        return next < 0 ? pointer : pointer.substring(0, next);
    }
}
