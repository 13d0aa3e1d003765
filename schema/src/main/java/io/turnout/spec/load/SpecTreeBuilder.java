package io.turnout.spec.load;

import io.turnout.spec.AlarmGate;
import io.turnout.spec.ApprovalGate;
import io.turnout.spec.AutoScaling;
import io.turnout.spec.AwsTarget;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.Canary;
import io.turnout.spec.CodeDeploy;
import io.turnout.spec.DeploymentPolicy;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.EcsNative;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.Hooks;
import io.turnout.spec.HttpCheck;
import io.turnout.spec.ListenerRule;
import io.turnout.spec.Rolling;
import io.turnout.spec.ServiceOverride;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.SlotPair;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.Strategy;
import io.turnout.spec.SyncMode;
import io.turnout.spec.SyncPolicy;
import io.turnout.spec.TaskCheck;
import io.turnout.spec.Traffic;
import io.turnout.spec.Verification;
import io.turnout.spec.WeightStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the model records from documents that already passed schema validation, filling in
 * the documented defaults. Because the schema ran first, a missing required field or a wrong
 * type cannot reach this class.
 */
final class SpecTreeBuilder {
    private SpecTreeBuilder() {}

    static EnvironmentSpec environment(ParsedDocument doc) {
        JsonNode spec = doc.at("/spec");
        JsonNode aws = spec.path("aws");
        AwsTarget target = new AwsTarget(aws.path("region").asString(), text(aws, "accountId"), text(aws, "roleArn"));
        JsonNode sync = spec.path("sync");
        SyncPolicy defaults = SyncPolicy.DEFAULT;
        SyncPolicy syncPolicy = new SyncPolicy(
                sync.has("policy") ? SyncMode.fromSpec(sync.get("policy").asString()) : defaults.mode(),
                duration(sync, "interval", defaults.interval()),
                duration(sync, "jitter", defaults.jitter()),
                bool(sync, "selfHeal", defaults.selfHeal()),
                bool(sync, "allowRewind", defaults.allowRewind()));
        JsonNode deployment = spec.path("deployment");
        DeploymentPolicy d = DeploymentPolicy.DEFAULT;
        DeploymentPolicy policy = new DeploymentPolicy(
                duration(deployment, "steadyStateTimeout", d.steadyStateTimeout()),
                deployment.has("verification") ? verification(deployment.get("verification")) : d.verification(),
                bool(deployment, "downsizeOldSlot", d.downsizeOldSlot()),
                duration(deployment, "downsizeDelay", d.downsizeDelay()),
                bool(deployment, "autoRollback", d.autoRollback()),
                deployment.has("maxParallel") ? deployment.get("maxParallel").asInt() : d.maxParallel());
        return new EnvironmentSpec(doc.at("/metadata/name").asString(), SourceLocation.of(doc.path()), target,
                spec.path("cluster").asString(), syncPolicy, policy);
    }

    /**
     * @param taskDefinition the RegisterTaskDefinition request (inline or read from its file)
     * @param settings       the CreateService settings (inline or read from spec.service.file), missing when none
     */
    static ServiceSpec service(ParsedDocument doc, JsonNode taskDefinition, JsonNode settings) {
        JsonNode spec = doc.at("/spec");
        List<String> environments = names(spec.path("environments"));
        JsonNode service = withoutDefaults(settings.isObject() ? settings : JsonNodeFactory.instance.objectNode());
        Map<String, ServiceOverride> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : spec.path("overrides").properties()) {
            JsonNode o = e.getValue();
            overrides.put(e.getKey(), new ServiceOverride(Optional.ofNullable(o.get("taskDefinition")),
                    Optional.ofNullable(o.get("service")).map(SpecTreeBuilder::withoutDefaults),
                    Optional.ofNullable(o.get("autoScaling")).map(SpecTreeBuilder::autoScaling),
                    Optional.ofNullable(o.get("dependsOn")).map(SpecTreeBuilder::names)));
        }
        Hooks hooks = new Hooks(Optional.ofNullable(spec.path("hooks").get("beforeDeploy")).map(SpecTreeBuilder::task));
        return new ServiceSpec(doc.at("/metadata/name").asString(), SourceLocation.of(doc.path()), environments,
                taskDefinition, service, strategy(spec.path("strategy"), service), overrides, hooks, names(spec.path("dependsOn")));
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.asString()));
        return names;
    }

    /**
     * The settings without the members that carry no information and that Turnout sets itself
     * from the strategy: {@code loadBalancers: []}, {@code serviceRegistries: []} and
     * {@code deploymentController: {type: ECS}}, as tools that dump a service write them
     * (anything else in them was refused by {@link ServiceRules}).
     */
    private static JsonNode withoutDefaults(JsonNode settings) {
        if (!settings.isObject()) return settings;
        ObjectNode s = (ObjectNode) settings.deepCopy();
        for (String list : List.of("loadBalancers", "serviceRegistries")) {
            if (s.path(list).isArray() && s.get(list).isEmpty()) s.remove(list);
        }
        JsonNode controller = s.get("deploymentController");
        if (controller != null && controller.isObject() && (controller.isEmpty()
                || (controller.size() == 1 && "ECS".equals(controller.path("type").asString(""))))) {
            s.remove("deploymentController");
        }
        return s;
    }

    /**
     * @param settings the service's settings: when spec.strategy.rolling leaves the circuit breaker
     *                 unsaid, the settings' deploymentCircuitBreaker says it (a default never
     *                 overrides what a spec writes; ServiceRules refuses the two saying different things)
     */
    private static Strategy strategy(JsonNode strategy, JsonNode settings) {
        if (strategy.has("rolling")) {
            JsonNode r = strategy.get("rolling");
            JsonNode breaker = settings.at("/deploymentConfiguration/deploymentCircuitBreaker");
            Optional<Rolling.TargetGroupRoute> route = text(r, "targetGroup").map(tg -> new Rolling.TargetGroupRoute(tg,
                    r.path("container").path("name").asString(), r.path("container").path("port").asInt()));
            Optional<Canary> canary = Optional.ofNullable(r.get("canary")).map(c -> new Canary(
                    c.has("tasks") ? c.get("tasks").asInt() : 1, duration(c, "bakeTime", Duration.ofMinutes(5))));
            return new Rolling(bool(r, "circuitBreaker", bool(breaker, "enable", true)), bool(r, "rollback", bool(breaker, "rollback", true)),
                    integer(r, "minimumHealthyPercent"), integer(r, "maximumPercent"),
                    Optional.ofNullable(r.get("verification")).map(SpecTreeBuilder::verification), canary,
                    text(r, "serviceName"), route);
        }
        if (strategy.has("ecs")) {
            JsonNode e = strategy.get("ecs");
            return new EcsNative(text(e, "serviceName"), Optional.ofNullable(e.get("verification")).map(SpecTreeBuilder::verification));
        }
        if (strategy.has("codeDeploy")) {
            JsonNode c = strategy.get("codeDeploy");
            List<CodeDeploy.Hook> hooks = new ArrayList<>();
            for (JsonNode hook : c.path("hooks")) {
                hook.properties().forEach(e -> hooks.add(new CodeDeploy.Hook(e.getKey(), e.getValue().asString())));
            }
            return new CodeDeploy(text(c, "serviceName"), text(c, "application"), text(c, "deploymentGroup"),
                    text(c, "deploymentConfigName"), hooks,
                    Optional.ofNullable(c.get("verification")).map(SpecTreeBuilder::verification));
        }
        JsonNode bg = strategy.path("blueGreen");
        Optional<BlueGreen.SlotNames> slots = Optional.ofNullable(bg.get("slots"))
                .map(s -> new BlueGreen.SlotNames(text(s, "a"), text(s, "b")));
        return new BlueGreen(traffic(bg.path("traffic")),
                Optional.ofNullable(bg.get("verification")).map(SpecTreeBuilder::verification),
                Optional.ofNullable(bg.get("autoScaling")).map(SpecTreeBuilder::autoScaling), slots);
    }

    private static Traffic traffic(JsonNode traffic) {
        if (traffic.has("elb")) {
            JsonNode elb = traffic.get("elb");
            return new ElbTraffic(elb.path("loadBalancer").asString(),
                    elb.path("prodListener").path("port").asInt(), elb.path("stageListener").path("port").asInt(),
                    Optional.ofNullable(elb.get("prodRule")).map(r -> new ListenerRule(r.path("priority").asInt())),
                    Optional.ofNullable(elb.get("stageRule")).map(r -> new ListenerRule(r.path("priority").asInt())),
                    pair(elb.path("targetGroups")), elb.path("container").path("name").asString(),
                    elb.path("container").path("port").asInt());
        }
        JsonNode dns = traffic.path("dns");
        List<WeightStep> steps = new ArrayList<>();
        for (JsonNode step : dns.path("weightSteps")) {
            steps.add(new WeightStep(step.path("weight").asInt(), duration(step, "bakeTime", Duration.ZERO)));
        }
        if (steps.isEmpty()) steps.add(new WeightStep(100, Duration.ZERO));
        return new DnsTraffic(dns.path("hostedZone").asString(), dns.path("recordName").asString(),
                dns.has("ttl") ? dns.get("ttl").asLong() : 60L, dns.path("namespace").asString(),
                pair(dns.path("cloudMapServices")), steps);
    }

    static Verification verification(JsonNode v) {
        List<HttpCheck> checks = new ArrayList<>();
        for (JsonNode c : v.path("httpChecks")) {
            checks.add(new HttpCheck(c.path("path").asString(), c.has("expectStatus") ? c.get("expectStatus").asInt() : 200,
                    text(c, "expectBodyContains"), duration(c, "timeout", Duration.ofSeconds(5))));
        }
        Optional<TaskCheck> task = Optional.ofNullable(v.get("task")).map(SpecTreeBuilder::task);
        // the gates are set as a whole or not at all: a block that names no alarms keeps the environment's
        Optional<AlarmGate> alarms = Optional.ofNullable(v.get("alarms")).map(a -> {
            List<String> names = new ArrayList<>();
            a.forEach(n -> names.add(n.asString()));
            return new AlarmGate(names, v.has("onMissingData") ? AlarmGate.MissingData.fromSpec(v.get("onMissingData").asString())
                    : AlarmGate.MissingData.FAIL, Optional.ofNullable(v.get("watchAfterSwap")).map(w -> Durations.parse(w.asString())));
        });
        Optional<ApprovalGate> approval = Optional.ofNullable(v.get("approval")).map(a -> new ApprovalGate(
                "required".equals(a.asString()), duration(v, "approvalTimeout", ApprovalGate.DEFAULT_TIMEOUT)));
        return new Verification(bool(v, "healthyTargets", Verification.DEFAULT.healthyTargets()), checks,
                duration(v, "bakeTime", Verification.DEFAULT.bakeTime()), task, alarms, approval);
    }

    private static TaskCheck task(JsonNode t) {
        List<String> command = new ArrayList<>();
        t.path("command").forEach(c -> command.add(c.asString()));
        return new TaskCheck(t.path("container").asString(), command, duration(t, "timeout", Duration.ofMinutes(10)));
    }

    static AutoScaling autoScaling(JsonNode a) {
        List<JsonNode> policies = new ArrayList<>();
        a.path("policies").forEach(policies::add);
        return new AutoScaling(a.path("minCapacity").asInt(), a.path("maxCapacity").asInt(), policies);
    }

    private static SlotPair<String> pair(JsonNode node) {
        return new SlotPair<>(node.path("a").asString(), node.path("b").asString());
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asString);
    }

    private static Optional<Integer> integer(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asInt);
    }

    private static boolean bool(JsonNode node, String field, boolean fallback) {
        return node.has(field) ? node.get(field).asBoolean() : fallback;
    }

    private static Duration duration(JsonNode node, String field, Duration fallback) {
        return node.has(field) ? Durations.parse(node.get(field).asString()) : fallback;
    }
}
