package io.turnout.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * One application, loaded from a file with {@code kind: Service}.
 *
 * @param name           the service name; slots are the ECS services {@code <name>--a} and {@code <name>--b}
 *                       unless the strategy names existing ones
 * @param source         where the spec file is
 * @param environments   the environments it runs in
 * @param taskDefinition the RegisterTaskDefinition request as AWS documents it (camelCase
 *                       fields, e.g. {@code family}, {@code containerDefinitions}), already read
 *                       from its separate file when the spec points to one
 * @param service        CreateService request fields Turnout does not own (desiredCount,
 *                       launchType, networkConfiguration …); never cluster, serviceName,
 *                       taskDefinition or serviceRegistries, which Turnout sets, nor
 *                       loadBalancers except under AWS's own engines ({@link AwsEngine})
 * @param strategy       blue/green (ELB or DNS), rolling, or one of AWS's own engines
 * @param overrides      per environment name
 * @param hooks          tasks run at fixed points of a deployment (the pre-deploy task)
 * @param dependsOn      services deployed and verified before this one when a deployment changes both
 */
public record ServiceSpec(String name, SourceLocation source, List<String> environments, JsonNode taskDefinition,
                          JsonNode service, Strategy strategy, Map<String, ServiceOverride> overrides, Hooks hooks,
                          List<String> dependsOn) {
    /** A service with hooks that depends on no other. */
    public ServiceSpec(String name, SourceLocation source, List<String> environments, JsonNode taskDefinition,
                       JsonNode service, Strategy strategy, Map<String, ServiceOverride> overrides, Hooks hooks) {
        this(name, source, environments, taskDefinition, service, strategy, overrides, hooks, List.of());
    }

    /** A service without hooks that depends on {@code dependsOn}. */
    public ServiceSpec(String name, SourceLocation source, List<String> environments, JsonNode taskDefinition,
                       JsonNode service, Strategy strategy, Map<String, ServiceOverride> overrides, List<String> dependsOn) {
        this(name, source, environments, taskDefinition, service, strategy, overrides, Hooks.NONE, dependsOn);
    }

    public ServiceSpec {
        environments = List.copyOf(environments);
        taskDefinition = taskDefinition.deepCopy();
        service = service.deepCopy();
        overrides = Map.copyOf(new TreeMap<>(overrides));
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn); // absent in what was stored before dependsOn
    }

    /** A service without hooks that depends on no other. */
    public ServiceSpec(String name, SourceLocation source, List<String> environments, JsonNode taskDefinition,
                       JsonNode service, Strategy strategy, Map<String, ServiceOverride> overrides) {
        this(name, source, environments, taskDefinition, service, strategy, overrides, Hooks.NONE, List.of());
    }

    /** What this service depends on in {@code environment}: the environment's override, else {@link #dependsOn()}. */
    public List<String> dependsOn(String environment) {
        return overrides.getOrDefault(environment, ServiceOverride.NONE).dependsOn().orElse(dependsOn);
    }

    @Override
    public JsonNode taskDefinition() {
        return taskDefinition.deepCopy();
    }

    @Override
    public JsonNode service() {
        return service.deepCopy();
    }

    /**
     * What this service should be in {@code environment}: overrides applied, and
     * verification defaulted from the environment's deployment policy (a service's own block
     * keeps the environment's gates it does not set, {@link Verification#over}).
     */
    public EffectiveService forEnvironment(EnvironmentSpec environment) {
        ServiceOverride override = overrides.getOrDefault(environment.name(), ServiceOverride.NONE);
        JsonNode td = JsonMerge.merge(taskDefinition, override.taskDefinition().orElse(null));
        JsonNode svc = JsonMerge.merge(service, override.service().orElse(null));
        Verification defaults = environment.deployment().verification();
        Strategy effective = switch (strategy) {
            case BlueGreen bg -> new BlueGreen(bg.traffic(),
                    Optional.of(bg.verification().map(v -> v.over(defaults)).orElse(defaults)),
                    override.autoScaling().or(bg::autoScaling), bg.slots());
            // a rolling service has only the gates of a verification (alarms, approval): without any, it
            // stays empty, so that its spec hash is the one it had before gates existed
            case Rolling r -> r.withVerification(r.verification().map(v -> v.over(defaults))
                    .or(() -> defaults.hasGates() ? Optional.of(defaults) : Optional.empty()));
            case AwsEngine engine -> engine.withVerification(engine.verification().map(v -> v.over(defaults)).orElse(defaults));
        };
        return new EffectiveService(name, environment.name(), source, td, svc, effective, hooks, dependsOn(environment.name()));
    }
}
