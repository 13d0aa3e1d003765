package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.aws.AwsCloudGateway;
import io.turnout.cloud.aws.AwsSettings;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.plan.SlotTags;
import io.turnout.plan.Step;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import io.turnout.state.MemoryJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * A spec folder applied to an AWS-compatible endpoint through {@link AwsCloudGateway}: the
 * executor gets the gateway under test wrapped in {@link MotoTaskStandIn}, HTTP checks answered
 * by {@link TargetHealthProbe}, and a {@link ManualClock} that moves only when the executor
 * sleeps (the endpoint answers at once, so nothing waits for real). Live state and plans are
 * read through the gateway under test alone.
 */
final class EndpointWorld implements AutoCloseable {
    final Path specs;
    final String environment;
    final AwsCloudGateway gateway;
    private final AwsCloudGateway standIn;
    private final TargetHealthProbe http;
    final ManualClock clock = new ManualClock();
    final List<String> lines = new ArrayList<>();
    private final MemoryJournal journal = new MemoryJournal();

    EndpointWorld(Path specs, String environment, URI endpoint, AwsCredentialsProvider credentials,
                  ElasticLoadBalancingV2Client rawElb) {
        this.specs = specs;
        this.environment = environment;
        AwsSettings settings = AwsSettings.of(Region.of(env().aws().region()), credentials).withEndpointOverride(endpoint);
        this.gateway = new AwsCloudGateway(settings);
        this.standIn = new AwsCloudGateway(settings);
        this.http = new TargetHealthProbe(rawElb);
    }

    /**
     * Writes {@code environments/<name>.yaml} under {@code specs}: eu-west-1, {@code cluster},
     * short timeouts and bake time (the clock is virtual anyway), a 1m downsize delay.
     */
    static Path environment(Path specs, String name, String cluster) {
        try {
            Files.createDirectories(specs.resolve("environments"));
            Files.writeString(specs.resolve("environments/" + name + ".yaml"), """
                    apiVersion: turnout/v1
                    kind: Environment
                    metadata: {name: %s}
                    spec:
                      aws: {region: eu-west-1}
                      cluster: %s
                      deployment:
                        steadyStateTimeout: 2m
                        verification: {healthyTargets: true, bakeTime: 30s}
                        downsizeOldSlot: true
                        downsizeDelay: 1m
                        autoRollback: true
                    """.formatted(name, cluster));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return specs;
    }

    SpecTree tree() {
        LoadResult loaded = SpecLoader.load(specs);
        assertTrue(loaded.isValid(), () -> "specs invalid: " + loaded.problems());
        return loaded.tree().orElseThrow();
    }

    EnvironmentSpec env() {
        return tree().environment(environment).orElseThrow();
    }

    LiveState live() {
        return new BatchedLiveStateReader(gateway, SlotTags::runsDesired).read(env(), tree());
    }

    Plan plan(String commit) {
        SpecTree tree = tree();
        EnvironmentSpec env = tree.environment(environment).orElseThrow();
        return new Planner().plan(env, tree.servicesIn(env), live(), Optional.of(commit));
    }

    /** Plans {@code commit} and applies it; {@code afterStep} sees every step once it finished. */
    ApplyResult apply(Plan plan, BiConsumer<Integer, Step> afterStep) {
        Progress progress = new Progress() {
            @Override
            public void line(String message) {
                lines.add(message);
            }

            @Override
            public void stepFinished(int index, Step step) {
                afterStep.accept(index, step);
            }
        };
        return PlanExecutor.builder(new MotoTaskStandIn(gateway, standIn), env()).journal(journal).progress(progress)
                .time(clock, clock.sleeper()).httpProbe(http).random(RandomGenerator.of("L64X128MixRandom"))
                .build().apply(plan, live());
    }

    void write(String file, String text) {
        try {
            Path path = specs.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void replaceIn(String file, String from, String to) {
        try {
            String text = Files.readString(specs.resolve(file));
            assertTrue(text.contains(from), file + " should contain " + from);
            Files.writeString(specs.resolve(file), text.replaceFirst(Pattern.quote(from), to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String transcript() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        gateway.close();
        standIn.close();
    }
}
