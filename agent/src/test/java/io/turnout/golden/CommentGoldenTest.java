package io.turnout.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.live.LiveService;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.render.PlanComment;
import io.turnout.render.PlanCommentRenderer;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import io.turnout.testing.LiveFixtures;
import io.turnout.testing.SpecFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden pull-request comments ({@code golden-comments/*.md}): the comment as
 * {@link PlanCommentRenderer} writes it for a blue/green image bump, a DNS weighted swap, a
 * bootstrap, a rollback, invalid specs and 200 services (generated here; collapsed to the
 * summary table). {@code -Dturnout.golden.update=true} rewrites them.
 */
class CommentGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("turnout.golden.update");
    private static final Path ROOT = Path.of("src/test/resources/golden-comments");
    private static final PlanComment.Source SOURCE = new PlanComment.Source("refs/pull/42/head",
            Optional.of("3f2c1d0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e"), Optional.of("main"), "");
    private static final String MARKER = "<!-- turnout:plan -->";

    @TempDir
    Path tmp;

    private static PlanComment ofGoldenCase(String name) throws IOException {
        Path dir = GoldenCases.ROOT.resolve(name);
        Plan plan = GoldenCases.plan(dir);
        EnvironmentSpec env = GoldenCases.environment(GoldenCases.specs(dir.resolve("specs")), plan.environment());
        return new PlanComment(MARKER, SOURCE, List.of(new PlanComment.EnvironmentSection(plan, env.sync(), env.deployment())),
                List.of(), List.of());
    }

    @Test
    void blueGreen() throws IOException {
        check("blue-green.md", ofGoldenCase("image-bump-elb"));
    }

    @Test
    void dnsWeightChange() throws IOException {
        check("dns-weight.md", ofGoldenCase("dns-weight-steps"));
    }

    /** Two services deploying, one after the other ({@code dependsOn}): what merging does says so. */
    @Test
    void dependsOn() throws IOException {
        check("depends-on.md", ofGoldenCase("depends-on"));
    }

    @Test
    void bootstrap() throws IOException {
        check("bootstrap.md", ofGoldenCase("bootstrap-elb"));
    }

    @Test
    void rollback() throws IOException {
        check("rollback.md", ofGoldenCase("rollback"));
    }

    /** ECS's own blue/green: the merge note says ECS moves the traffic and Turnout follows, verifies and stops it. */
    @Test
    void ecsNativeBlueGreen() throws IOException {
        check("ecs-blue-green.md", ofGoldenCase("ecs-image-bump"));
    }

    /** A revert while ECS bakes: a rollback that stops the deployment. */
    @Test
    void ecsRevertWithinTheBakeTime() throws IOException {
        check("ecs-revert.md", ofGoldenCase("ecs-revert-in-bake"));
    }

    @Test
    void codeDeploy() throws IOException {
        check("codedeploy.md", ofGoldenCase("codedeploy-image-bump"));
    }

    @Test
    void invalidSpecs() throws IOException {
        Path specs = io.turnout.apply.SimWorldCopy.copy(Path.of("../specs-example"), tmp.resolve("specs"));
        replace(specs.resolve("services/web/service.yaml"), "desiredCount:", "desiredCont:");
        replace(specs.resolve("services/api/service.yaml"), "port: 9000", "port: 9001");
        LoadResult loaded = SpecLoader.load(specs);
        assertTrue(!loaded.isValid());
        PlanComment comment = new PlanComment(MARKER, SOURCE, List.of(), loaded.problems(), List.of());
        assertEquals(false, comment.succeeded());
        check("invalid-spec.md", comment);
    }

    @Test
    void twoHundredServicesCollapseToTheSummary() throws IOException {
        EnvironmentSpec env = SpecFixtures.production();
        List<EffectiveService> desired = new ArrayList<>();
        Map<String, LiveService> live = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            String name = String.format("svc-%03d", i);
            switch (i % 5) {
                case 0 -> {
                    EffectiveService s = SpecFixtures.elbService(name, "registry.example/" + name + ":2.0", Optional.empty());
                    desired.add(s);
                    live.put(name, LiveFixtures.infrastructureOnly(s));
                }
                case 1, 2, 3 -> {
                    EffectiveService s = SpecFixtures.rollingService(name, "registry.example/" + name + ":2.0");
                    desired.add(s);
                    EffectiveService old = SpecFixtures.rollingService(name, "registry.example/" + name + ":1.9");
                    live.put(name, LiveFixtures.rolling(old, "production", LiveFixtures.taskDefinition(old.taskDefinition(), 7), 2));
                }
                default -> {
                    EffectiveService s = SpecFixtures.rollingService(name, "registry.example/" + name + ":2.0");
                    desired.add(s);
                    live.put(name, LiveFixtures.rolling(s, "production", LiveFixtures.taskDefinition(s.taskDefinition(), 8), 2));
                }
            }
        }
        Plan plan = new Planner().plan(env, desired, new LiveState("production", "production", true, live), Optional.of(GoldenCases.COMMIT));
        PlanComment comment = new PlanComment(MARKER, SOURCE, List.of(new PlanComment.EnvironmentSection(plan, env.sync())),
                List.of(), List.of());
        String rendered = new PlanCommentRenderer().render(comment);
        assertTrue(rendered.length() <= PlanCommentRenderer.GITHUB_COMMENT_LIMIT, "length " + rendered.length());
        assertTrue(rendered.contains("Left out: the diffs and steps of"), rendered.substring(0, 800));
        check("200-services.md", comment);
    }

    @Test
    void tooManyForTheSummaryCollapsesToCounts() {
        EnvironmentSpec env = SpecFixtures.production();
        List<EffectiveService> desired = new ArrayList<>();
        for (int i = 0; i < 600; i++) desired.add(SpecFixtures.rollingService("svc-" + i, "registry.example/" + "x".repeat(160) + ":" + i));
        Plan plan = new Planner().plan(env, desired, new LiveState("production", "production", true, Map.of()), Optional.empty());
        String rendered = new PlanCommentRenderer().render(new PlanComment(MARKER, SOURCE,
                List.of(new PlanComment.EnvironmentSection(plan, env.sync())), List.of(), List.of()));
        assertTrue(rendered.length() <= PlanCommentRenderer.GITHUB_COMMENT_LIMIT);
        assertTrue(rendered.startsWith(MARKER + "\n"));
        assertTrue(rendered.contains("Left out: the per-service tables and details (600 services)"), rendered);
        assertTrue(rendered.contains("### `production`: 600 to deploy (600 bootstrap), 0 in sync"), rendered);
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static void check(String name, PlanComment comment) throws IOException {
        String actual = new PlanCommentRenderer().render(comment);
        Path expected = ROOT.resolve(name);
        if (UPDATE) {
            Files.createDirectories(ROOT);
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(expected), expected + " is missing: run with -Dturnout.golden.update=true");
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual,
                expected + " differs (run with -Dturnout.golden.update=true to accept the new output)");
    }
}
