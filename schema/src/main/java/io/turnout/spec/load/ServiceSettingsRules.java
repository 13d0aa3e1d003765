package io.turnout.spec.load;

import io.turnout.spec.AwsEngine;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.Rolling;
import io.turnout.spec.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What ECS checks at CreateService, and what Turnout's strategies need, for one service's
 * effective settings (overrides applied) next to its effective task definition: members Turnout
 * sets from the strategy, ECS's own deployment strategies (only with {@code strategy: ecs}), the
 * DAEMON scheduling strategy, the awsvpc network configuration, Service Connect and VPC Lattice
 * under blue/green, the tag limit, and settings the rolling strategy also writes (said twice,
 * one would silently win). Of the services of strategies ecs and codeDeploy, which Turnout
 * never creates, only the members Turnout sets are checked.
 */
final class ServiceSettingsRules {
    private static final String DC = "/deploymentConfiguration";
    private static final String ROLLING = "/spec/strategy/rolling";

    private final JsonNode settings;
    private final JsonNode td;
    private final Strategy strategy;
    private final JsonNode rolling;
    private final String settingsName;
    private final List<Finding> findings = new ArrayList<>();

    /**
     * @param settingsName how the settings are named in messages: spec.service, or the file they come from
     * @param rolling      the Service file's spec.strategy.rolling block as written (missing for blue/green)
     */
    private ServiceSettingsRules(JsonNode settings, JsonNode td, Strategy strategy, JsonNode rolling, String settingsName) {
        this.settings = settings;
        this.td = td;
        this.strategy = strategy;
        this.rolling = rolling;
        this.settingsName = settingsName;
    }

    static List<Finding> check(JsonNode settings, JsonNode td, Strategy strategy, JsonNode rolling, String settingsName) {
        return new ServiceSettingsRules(settings, td, strategy, rolling, settingsName).run();
    }

    private List<Finding> run() {
        setFromStrategy();
        // The services of AWS's own engines: EngineRules checks what their deployments need. What ECS
        // checks at CreateService is not asked of them (yet): Turnout creates one only on a first
        // deployment, and imports them as found, templates included. Their tags are counted.
        if (strategy instanceof AwsEngine) {
            tags();
            return findings;
        }
        ecsDeployments();
        daemon();
        if (has("launchType") && !settings.path("capacityProviderStrategy").isEmpty()) {
            // ECS's own wording (CreateService InvalidParameterException)
            add("/capacityProviderStrategy", "Specifying both a launchType and capacityProviderStrategy is not supported",
                    "remove one: launchType " + settings.get("launchType").asString() + " or capacityProviderStrategy");
        }
        network();
        serviceConnect();
        volumeConfigurations();
        tags();
        if (strategy instanceof Rolling) rollingSaidTwice();
        return findings;
    }

    /** loadBalancers, serviceRegistries, deploymentController: accepted without information only. */
    private void setFromStrategy() {
        for (Map.Entry<String, String> e : TurnoutOwnedFields.CREATE_SERVICE_FROM_STRATEGY.entrySet()) {
            // AWS's own engines deploy the service's own load balancers (with advancedConfiguration)
            if (e.getKey().equals("loadBalancers") && strategy instanceof AwsEngine) continue;
            JsonNode value = settings.path(e.getKey());
            boolean informative = value.isArray() ? !value.isEmpty()
                    : value.isObject() && !(value.isEmpty() || (value.size() == 1 && "ECS".equals(value.path("type").asString(""))));
            if (!informative) continue;
            String empty = value.isArray() ? "an empty list is accepted" : "{type: ECS} is accepted";
            add("/" + e.getKey(), "field '" + e.getKey() + "' is set by Turnout, not by the spec",
                    e.getValue() + "; remove '" + e.getKey() + "' (" + empty + ")");
        }
    }

    /**
     * ECS's own traffic-shifting deployments belong to spec.strategy.ecs; under blueGreen and
     * rolling, whose updates are ECS's ROLLING, they are refused, and so are their settings (a
     * bake time of 0 excepted: DescribeServices reports it for every service since July 2025, so
     * dumps of ROLLING services carry it, and it changes nothing).
     */
    private void ecsDeployments() {
        String ecsStrategy = settings.at(DC + "/strategy").asString("ROLLING");
        String turnout = strategy instanceof BlueGreen ? "spec.strategy.blueGreen" : "spec.strategy.rolling";
        String why = turnout + " deploys with ECS's rolling update (strategy ROLLING)"
                + (strategy instanceof BlueGreen ? " of two ECS services and moves traffic itself" : "")
                + "; a service of ECS's own engine is spec.strategy.ecs";
        if (!ecsStrategy.equals("ROLLING")) {
            add(DC + "/strategy", "deploymentConfiguration.strategy " + ecsStrategy + " selects ECS's own deployment engine, but " + why,
                    "remove deploymentConfiguration.strategy (or set it to ROLLING) and its " + ecsStrategy + " settings,"
                            + " or make the service's strategy spec.strategy.ecs");
            return;
        }
        for (String field : List.of("bakeTimeInMinutes", "lifecycleHooks", "linearConfiguration", "canaryConfiguration")) {
            JsonNode value = settings.at(DC + "/" + field);
            if (value.isMissingNode() || (value.isArray() && value.isEmpty())) continue;
            if (field.equals("bakeTimeInMinutes") && value.isNumber() && value.asInt() == 0) continue;
            add(DC + "/" + field, "deploymentConfiguration." + field + " belongs to ECS's BLUE_GREEN, LINEAR and CANARY deployments, but " + why,
                    "remove deploymentConfiguration." + field);
        }
    }

    private void daemon() {
        if (!"DAEMON".equals(settings.path("schedulingStrategy").asString(""))) return;
        if (strategy instanceof BlueGreen) {
            add("/schedulingStrategy", "schedulingStrategy DAEMON runs one task on every container instance: two blue/green slots"
                            + " would run two on each, and a slot cannot be scaled down to 0",
                    "deploy a daemon with spec.strategy.rolling, or remove schedulingStrategy (REPLICA is the default)");
            return;
        }
        // ECS's own wordings (CreateService InvalidParameterException)
        if (has("desiredCount")) {
            add("/desiredCount", "The daemon scheduling strategy does not support a desired count for services",
                    "remove desiredCount: a daemon runs one task per container instance");
        }
        if (!settings.path("placementStrategy").isEmpty()) {
            add("/placementStrategy", "The daemon scheduling strategy does not support placement strategies",
                    "remove placementStrategy (placementConstraints still choose the instances)");
        }
        if (settings.at(DC + "/maximumPercent").asInt(0) > 100) {
            add(DC + "/maximumPercent", "The daemon scheduling strategy does not support values above 100 for maximumPercent on a deployment configuration",
                    "set maximumPercent to 100 or remove it");
        }
        if (rolling.path("maximumPercent").asInt(0) > 100) {
            findings.add(Finding.spec(ROLLING + "/maximumPercent", "The daemon scheduling strategy does not support values above 100 for maximumPercent"
                    + " (" + settingsName + ".schedulingStrategy is DAEMON)", "set spec.strategy.rolling.maximumPercent to 100 or remove it"));
        }
        boolean fargate = "FARGATE".equals(settings.path("launchType").asString(""));
        for (JsonNode item : settings.path("capacityProviderStrategy")) fargate |= item.path("capacityProvider").asString("").startsWith("FARGATE");
        if (fargate) {
            add("/schedulingStrategy", "Fargate does not support the DAEMON scheduling strategy (there are no container instances)",
                    "run a daemon on EC2 (launchType EC2), or run this service as REPLICA");
        }
    }

    private void network() {
        boolean awsvpc = "awsvpc".equals(td.path("networkMode").asString(""));
        boolean configured = settings.at("/networkConfiguration/awsvpcConfiguration").isObject();
        // ECS's own wordings (CreateService InvalidParameterException)
        if (awsvpc && !configured) {
            add(has("networkConfiguration") ? "/networkConfiguration" : "", "Network Configuration must be provided when networkMode 'awsvpc' is specified:"
                            + " the task definition uses networkMode awsvpc",
                    "add networkConfiguration.awsvpcConfiguration with the tasks' subnets (and securityGroups) to " + settingsName);
        } else if (!awsvpc && has("networkConfiguration")) {
            add("/networkConfiguration", "Network Configuration is not valid for the given networkMode of this task definition ("
                            + td.path("networkMode").asString("bridge") + ")",
                    "remove networkConfiguration, or set the task definition's networkMode to awsvpc");
        }
    }

    /** Service Connect and VPC Lattice: names of the task definition's ports; one owner per name under blue/green. */
    private void serviceConnect() {
        Set<String> portNames = new LinkedHashSet<>();
        td.path("containerDefinitions").forEach(c -> c.path("portMappings").forEach(p -> {
            if (p.path("name").isString()) portNames.add(p.get("name").asString());
        }));
        JsonNode services = settings.at("/serviceConnectConfiguration/services");
        portNamesExist(services, "/serviceConnectConfiguration/services/", portNames);
        JsonNode lattice = settings.path("vpcLatticeConfigurations");
        portNamesExist(lattice, "/vpcLatticeConfigurations/", portNames);
        if (!(strategy instanceof BlueGreen)) return;
        String why = ": both blue/green slots would serve them, so GREEN would take production traffic before it is verified";
        if (!services.isMissingNode() && !services.isEmpty()) {
            add("/serviceConnectConfiguration/services", "Service Connect services publish this service's ports by name" + why,
                    "keep Service Connect as a client only (enabled and namespace, no services), or deploy the service with spec.strategy.rolling");
        }
        if (!lattice.isEmpty()) {
            add("/vpcLatticeConfigurations", "VPC Lattice target groups receive this service's tasks" + why,
                    "remove vpcLatticeConfigurations, or deploy the service with spec.strategy.rolling");
        }
    }

    private void portNamesExist(JsonNode list, String at, Set<String> portNames) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode name = list.get(i).path("portName");
            if (name.isString() && !portNames.contains(name.asString())) {
                add(at + i + "/portName", "no port mapping of the task definition is named '" + name.asString() + "'",
                        portNames.isEmpty() ? "give the container's portMappings entry a name: " + name.asString()
                                : "name one of the task definition's ports: " + String.join(", ", portNames));
            }
        }
    }

    private void volumeConfigurations() {
        JsonNode list = settings.path("volumeConfigurations");
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).path("name").asString("");
            Optional<JsonNode> volume = Optional.empty();
            for (JsonNode v : td.path("volumes")) if (name.equals(v.path("name").asString(null))) volume = Optional.of(v);
            if (volume.isEmpty()) {
                add("/volumeConfigurations/" + i + "/name", "volumeConfigurations names volume '" + name + "', which the task definition does not define",
                        "add {name: " + name + ", configuredAtLaunch: true} to the task definition's volumes");
            } else if (!volume.get().path("configuredAtLaunch").asBoolean(false)) {
                add("/volumeConfigurations/" + i + "/name", "volume '" + name + "' is not configured at launch in the task definition",
                        "set configuredAtLaunch: true on the task definition's volume '" + name + "'");
            }
        }
    }

    private void tags() {
        // a canary carries the service's tags and one more: it is the resource closest to the limit
        List<String> own = switch (strategy) {
            case BlueGreen b -> TurnoutTags.BLUE_GREEN_SLOT;
            case Rolling r when r.canary().isPresent() -> TurnoutTags.CANARY_SERVICE;
            case AwsEngine e -> TurnoutTags.ENGINE_SERVICE;
            default -> TurnoutTags.ROLLING_SERVICE;
        };
        int mine = settings.path("tags").size();
        int total = mine + own.size();
        if (mine > 0 && total > TaskDefinitionRules.MAX_TAGS) {
            add("/tags", "the ECS service would carry " + total + " tags, more than AWS's " + TaskDefinitionRules.MAX_TAGS + " per resource: "
                    + mine + " here and Turnout's " + own.size() + " (" + String.join(", ", own) + ")",
                    "remove at least " + (total - TaskDefinitionRules.MAX_TAGS) + " tag" + (total - TaskDefinitionRules.MAX_TAGS == 1 ? "" : "s"));
        }
    }

    /**
     * Item by item, what the rolling strategy writes into deploymentConfiguration must not be said
     * otherwise in the settings: the strategy's circuit breaker (spec.strategy.rolling's, else the
     * base settings') applies in every environment, and its percentages when it sets them.
     */
    private void rollingSaidTwice() {
        Rolling r = (Rolling) strategy;
        JsonNode breaker = settings.at(DC + "/deploymentCircuitBreaker");
        twice("circuitBreaker", r.circuitBreaker(), breaker.path("enable"), "/deploymentCircuitBreaker/enable");
        twice("rollback", r.rollback(), breaker.path("rollback"), "/deploymentCircuitBreaker/rollback");
        if (r.minimumHealthyPercent().isPresent()) {
            twice("minimumHealthyPercent", r.minimumHealthyPercent().get(), settings.at(DC + "/minimumHealthyPercent"), "/minimumHealthyPercent");
        }
        if (r.maximumPercent().isPresent()) {
            twice("maximumPercent", r.maximumPercent().get(), settings.at(DC + "/maximumPercent"), "/maximumPercent");
        }
    }

    private void twice(String field, Object strategyValue, JsonNode settingsValue, String at) {
        if (settingsValue.isMissingNode() || settingsValue.asString().equals(String.valueOf(strategyValue))) return;
        String strategySays = rolling.path(field).isMissingNode()
                ? "the rolling strategy's " + field + " is " + strategyValue + " in every environment (spec.service's value; spec.strategy.rolling." + field + " is unset)"
                : "spec.strategy.rolling." + field + " is " + strategyValue;
        add(DC + at, settingsName + ".deploymentConfiguration" + at.replace('/', '.') + " is " + settingsValue + ", but " + strategySays
                        + ": the rolling strategy writes that setting, so one would silently win",
                "say it once, in spec.strategy.rolling." + field + ", and remove it from " + settingsName + ".deploymentConfiguration");
    }

    private boolean has(String field) {
        return settings.has(field) && !settings.get(field).isNull();
    }

    private void add(String pointer, String message, String fix) {
        findings.add(Finding.settings(pointer, message, fix));
    }
}
