package io.turnout.bench;

import io.turnout.spec.BlueGreen;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.SpecTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link SyntheticEstate}'s specs as a spec repository would hold them: one
 * environment file, and per service {@code services/<name>/service.yaml} plus its task
 * definition file {@code <name>.taskdef.json}, so that validation and Git polls are measured on
 * real files. Loading the folder gives the estate's own spec tree (the benchmark test checks
 * that a plan from it is a no-op).
 */
public final class EstateFiles {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EstateFiles() {}

    /** Writes the files under {@code root} (created if needed); returns how many files were written. */
    public static int write(SyntheticEstate estate, Path root) {
        return write(estate, estate.specs(), root);
    }

    /** Writes the services of {@code specs} (the estate's, or a change of them) under {@code root}. */
    public static int write(SyntheticEstate estate, SpecTree specs, Path root) {
        try {
            EnvironmentSpec env = estate.environment();
            Files.createDirectories(root.resolve("environments"));
            Files.writeString(root.resolve("environments/" + env.name() + ".yaml"), """
                    apiVersion: turnout/v1
                    kind: Environment
                    metadata: {name: %s}
                    spec:
                      aws: {region: %s, accountId: "%s"}
                      cluster: %s
                    """.formatted(env.name(), env.aws().region(), env.aws().accountId().orElseThrow(), env.cluster()));
            int files = 1;
            for (ServiceSpec svc : specs.services()) {
                Path dir = root.resolve("services/" + svc.name());
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(svc.name() + ".taskdef.json"), JSON.writeValueAsString(svc.taskDefinition()));
                Files.writeString(dir.resolve("service.yaml"), serviceYaml(svc));
                files += 2;
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's spec files under " + root, e);
        }
    }

    /** YAML with JSON flow values (YAML is a superset of JSON), as compact as a person would not write it. */
    private static String serviceYaml(ServiceSpec svc) {
        BlueGreen bg = (BlueGreen) svc.strategy();
        String traffic = switch (bg.traffic()) {
            case ElbTraffic t -> "elb: {loadBalancer: %s, prodListener: {port: %d}, stageListener: {port: %d},%s%s targetGroups: {a: %s, b: %s}, container: {name: %s, port: %d}}"
                    .formatted(t.loadBalancer(), t.prodListenerPort(), t.stageListenerPort(),
                            t.prodRule().map(r -> " prodRule: {priority: " + r.priority() + "},").orElse(""),
                            t.stageRule().map(r -> " stageRule: {priority: " + r.priority() + "},").orElse(""),
                            t.targetGroups().a(), t.targetGroups().b(), t.containerName(), t.containerPort());
            case DnsTraffic t -> "dns: {hostedZone: %s, recordName: %s, ttl: %d, namespace: %s, cloudMapServices: {a: %s, b: %s}, weightSteps: [%s]}"
                    .formatted(t.hostedZone(), t.recordName(), t.ttl(), t.namespace(), t.cloudMapServices().a(),
                            t.cloudMapServices().b(), t.weightSteps().stream().map(w -> w.bakeTime().isZero()
                                    ? "{weight: " + w.weight() + "}"
                                    : "{weight: " + w.weight() + ", bakeTime: " + w.bakeTime().toSeconds() + "s}")
                                    .collect(Collectors.joining(", ")));
        };
        String scaling = bg.autoScaling().map(a -> "\n      autoScaling: {minCapacity: %d, maxCapacity: %d, policies: [%s]}"
                .formatted(a.minCapacity(), a.maxCapacity(), a.policies().stream().map(JSON::writeValueAsString)
                        .collect(Collectors.joining(", ")))).orElse("");
        return """
                apiVersion: turnout/v1
                kind: Service
                metadata: {name: %s}
                spec:
                  environments: [%s]
                  taskDefinition: {file: %s.taskdef.json}
                  service: %s
                  strategy:
                    blueGreen:
                      traffic:
                        %s%s
                """.formatted(svc.name(), String.join(", ", svc.environments()), svc.name(),
                JSON.writeValueAsString(svc.service()), traffic, scaling);
    }
}
