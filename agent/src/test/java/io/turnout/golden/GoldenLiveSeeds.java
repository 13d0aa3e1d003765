package io.turnout.golden;

import static io.turnout.testing.LiveFixtures.blueGreen;
import static io.turnout.testing.LiveFixtures.engine;
import static io.turnout.testing.LiveFixtures.infrastructureOnly;
import static io.turnout.testing.LiveFixtures.rolling;
import static io.turnout.testing.LiveFixtures.taskDefinition;

import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.live.EngineDeployment;
import io.turnout.live.LiveService;
import io.turnout.live.LiveState;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.JsonMerge;
import io.turnout.spec.Slot;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecTree;
import io.turnout.testing.LiveStateYaml;
import io.turnout.testing.Yaml;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes the golden cases' {@code live.yaml} from a description of what was deployed before
 * (mostly: {@code specs-example} as it is, deployed by Turnout). Only runs with
 * {@code -Dturnout.golden.seed=true}; the files it writes are the source of truth afterwards
 * and may be edited by hand.
 */
class GoldenLiveSeeds {
    private static final String ENV = "production";
    private static final Path EXAMPLE = Path.of("../specs-example");

    /** The previous image of each example service, run by the idle slot. */
    private static final Map<String, String> PREVIOUS_IMAGE = Map.of(
            "web", "public.ecr.aws/nginx/nginx:1.26",
            "api", "public.ecr.aws/docker/library/python:3.12-slim",
            "catalog", "public.ecr.aws/docker/library/httpd:2.2");

    private record Ctx(SpecTree example, SpecTree desired) {
        EffectiveService example(String name) {
            return find(example, name);
        }

        EffectiveService desired(String name) {
            return find(desired, name);
        }

        private static EffectiveService find(SpecTree tree, String name) {
            return GoldenCases.services(tree, ENV).stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no service " + name));
        }
    }

    private static final String ECS_DEPLOYMENT =
            "arn:aws:ecs:eu-west-1:222222222222:service-deployment/production/checkout/4QCXVD3M0Z8P1R7N2K6T5W";
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    private static final Map<String, Function<Ctx, List<LiveService>>> SEEDS = new TreeMap<>();

    static {
        SEEDS.put("noop-elb", c -> List.of(deployed(c.desired("web"), Slot.A)));
        SEEDS.put("noop-dns", c -> List.of(deployed(c.desired("catalog"), Slot.B)));
        SEEDS.put("noop-rolling", c -> List.of(rollingDeployed(c.desired("mailer"))));
        SEEDS.put("image-bump-elb", c -> List.of(deployed(c.example("web"), Slot.A)));
        SEEDS.put("image-bump-listener-rules", c -> List.of(deployed(c.example("api"), Slot.B)));
        SEEDS.put("env-var-change", c -> List.of(deployed(c.example("web"), Slot.A)));
        SEEDS.put("desired-count-only", c -> List.of(deployed(c.example("catalog"), Slot.A)));
        SEEDS.put("scaling-bounds-only", c -> List.of(deployed(c.example("web"), Slot.B)));
        SEEDS.put("dns-weight-steps", c -> List.of(deployed(c.example("catalog"), Slot.A)));
        // the load balancer was created forwarding prod to web-a: the first slot goes on web-b
        SEEDS.put("bootstrap-elb", c -> List.of(infrastructureOnly(c.desired("web"), Slot.A)));
        SEEDS.put("bootstrap-dns", c -> List.of(infrastructureOnly(c.desired("catalog"))));
        SEEDS.put("rollback", c -> {
            // 1.28 went out (slot a, revision 6) and was reverted in Git; slot b still has 1.27 (revision 5)
            EffectiveService web = c.example("web");
            TaskDefinitionInfo bad = taskDefinition(withImage(web.taskDefinition(), "public.ecr.aws/nginx/nginx:1.28"), 6);
            return List.of(blueGreen(web, ENV, Slot.A, bad, count(web), taskDefinition(web.taskDefinition(), 5),
                    scaling(web)));
        });
        SEEDS.put("aws-defaults-only", c -> List.of(deployed(c.example("web"), Slot.A),
                rollingDeployed(c.example("mailer"))));
        SEEDS.put("missing-target-group", c -> List.of(
                new LiveService("web", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        List.of("target group web-b not found in eu-west-1")),
                deployed(c.example("api"), Slot.A)));
        SEEDS.put("rolling-image-bump", c -> List.of(rollingDeployed(c.example("mailer"))));
        SEEDS.put("rolling-bootstrap", c -> List.of(new LiveService("mailer", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of())));
        SEEDS.put("left-alone", c -> {
            EffectiveService mailer = c.example("mailer");
            EffectiveService legacy = new EffectiveService("legacy", ENV, SourceLocation.of("services/legacy/service.yaml"),
                    JsonMerge.merge(withImage(mailer.taskDefinition(), "public.ecr.aws/docker/library/busybox:1.30"),
                            Yaml.node("{family: legacy, containerDefinitions: [{name: mailer, environment: null}]}")),
                    mailer.service(), mailer.strategy());
            return List.of(deployed(c.desired("web"), Slot.A), rollingDeployed(legacy));
        });
        SEEDS.put("two-services-mixed", c -> List.of(deployed(c.example("web"), Slot.A),
                deployed(c.example("api"), Slot.A), infrastructureOnly(c.desired("catalog"))));
        SEEDS.put("no-downsize", c -> List.of(deployed(c.example("web"), Slot.A)));
        SEEDS.put("ecs-image-bump", c -> List.of(engineDeployed(c.example("checkout"), Optional.empty())));
        SEEDS.put("codedeploy-image-bump", c -> List.of(engineDeployed(c.example("payments"), Optional.empty())));
        SEEDS.put("ecs-in-progress", c -> {
            // ECS is at TEST_TRAFFIC_SHIFT deploying 1.28 (revision 6), the desired spec, away from 1.27 (revision 5)
            EffectiveService checkout = c.desired("checkout");
            TaskDefinitionInfo from = taskDefinition(c.example("checkout").taskDefinition(), 5);
            TaskDefinitionInfo to = taskDefinition(checkout.taskDefinition(), 6);
            return List.of(engine(checkout, ENV, to, count(checkout), Optional.of(from), Optional.of(new EngineDeployment("ecs",
                    ECS_DEPLOYMENT, "IN_PROGRESS", "TEST_TRAFFIC_SHIFT", "BLUE_GREEN", Optional.of(from), Optional.of(to),
                    Optional.of(0.0), Optional.of(100.0), STARTED))));
        });
        SEEDS.put("ecs-revert-in-bake", c -> {
            // 1.28 (revision 6) went out and is baking; Git reverted it to 1.27 (revision 5), which ECS still runs
            EffectiveService checkout = c.desired("checkout");
            TaskDefinitionInfo from = taskDefinition(checkout.taskDefinition(), 5);
            TaskDefinitionInfo to = taskDefinition(withImage(checkout.taskDefinition(), "public.ecr.aws/nginx/nginx:1.28"), 6);
            return List.of(engine(checkout, ENV, to, count(checkout), Optional.of(from), Optional.of(new EngineDeployment("ecs",
                    ECS_DEPLOYMENT, "IN_PROGRESS", "BAKE_TIME", "BLUE_GREEN", Optional.of(from), Optional.of(to),
                    Optional.of(100.0), Optional.of(100.0), STARTED))));
        });
    }

    /** A service of AWS's engines deployed by Turnout: revision 5 of the service's definition. */
    private static LiveService engineDeployed(EffectiveService svc, Optional<EngineDeployment> deployment) {
        return engine(svc, ENV, taskDefinition(svc.taskDefinition(), 5), count(svc), Optional.empty(), deployment);
    }

    @Test
    void writeLiveFiles() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("turnout.golden.seed"), "only with -Dturnout.golden.seed=true");
        SpecTree example = GoldenCases.specs(EXAMPLE);
        String only = System.getProperty("turnout.golden.case", "");
        for (var seed : SEEDS.entrySet()) {
            if (!only.isEmpty() && !only.equals(seed.getKey())) continue;
            Path dir = GoldenCases.ROOT.resolve(seed.getKey());
            Ctx ctx = new Ctx(example, GoldenCases.specs(dir.resolve("specs")));
            Map<String, LiveService> services = new TreeMap<>();
            seed.getValue().apply(ctx).forEach(s -> services.put(s.name(), s));
            LiveStateYaml.write(new LiveState(ENV, ENV, true, services), dir.resolve("live.yaml"));
        }
    }

    /** Deployed by Turnout: BLUE runs the service's definition (revision 5), GREEN the previous image (revision 4). */
    private static LiveService deployed(EffectiveService svc, Slot blue) {
        String previous = PREVIOUS_IMAGE.get(svc.name());
        TaskDefinitionInfo green = taskDefinition(withImage(svc.taskDefinition(), previous), 4);
        return blueGreen(svc, ENV, blue, taskDefinition(svc.taskDefinition(), 5), count(svc), green, scaling(svc));
    }

    private static LiveService rollingDeployed(EffectiveService svc) {
        return rolling(svc, ENV, taskDefinition(svc.taskDefinition(), 7), count(svc));
    }

    private static int count(EffectiveService svc) {
        return svc.service().path("desiredCount").asInt(1);
    }

    private static Optional<io.turnout.spec.AutoScaling> scaling(EffectiveService svc) {
        return ((BlueGreen) svc.strategy()).autoScaling();
    }

    private static tools.jackson.databind.JsonNode withImage(tools.jackson.databind.JsonNode td, String image) {
        var copy = (tools.jackson.databind.node.ObjectNode) td.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) copy.get("containerDefinitions").get(0)).put("image", image);
        return copy;
    }
}
