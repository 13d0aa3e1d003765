package io.turnout.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.BlueGreen;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.Rolling;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import io.turnout.spec.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The example repository at the top of the project loads cleanly and means what its README says. */
class ExampleSpecsTest {
    static final Path EXAMPLE = Path.of("..", "specs-example");

    static SpecTree example() {
        LoadResult result = SpecLoader.load(EXAMPLE);
        assertTrue(result.isValid(), () -> result.problems().stream().map(SpecProblem::describe).collect(Collectors.joining("\n")));
        return result.tree().orElseThrow();
    }

    @Test
    void exampleLoadsWithoutProblems() {
        SpecTree tree = example();
        assertEquals("[production, staging]", tree.environments().stream().map(EnvironmentSpec::name).toList().toString());
        assertEquals("[api, catalog, checkout, mailer, payments, web]", tree.services().stream().map(s -> s.name()).toList().toString());
    }

    @Test
    void environmentsHaveTheirAccountsAndPolicies() {
        SpecTree tree = example();
        EnvironmentSpec production = tree.environment("production").orElseThrow();
        assertEquals("222222222222", production.aws().accountId().orElseThrow());
        assertEquals("eu-west-1", production.aws().region());
        assertEquals("production", production.cluster());
        assertEquals(SyncMode.AUTO_APPLY, production.sync().mode());
        assertEquals(Duration.ofMinutes(1), production.deployment().verification().bakeTime());
        assertEquals(Duration.ofMinutes(15), production.deployment().downsizeDelay());
        assertEquals("111111111111", tree.environment("staging").orElseThrow().aws().accountId().orElseThrow());
    }

    @Test
    void strategiesAreAsDocumented() {
        SpecTree tree = example();
        ElbTraffic web = (ElbTraffic) ((BlueGreen) tree.service("web").orElseThrow().strategy()).traffic();
        assertEquals("shop-alb", web.loadBalancer());
        assertEquals(443, web.prodListenerPort());
        assertEquals(8443, web.stageListenerPort());
        assertTrue(web.prodRule().isEmpty());
        assertEquals("web-b", web.targetGroups().b());
        assertEquals(8080, web.containerPort());

        ElbTraffic api = (ElbTraffic) ((BlueGreen) tree.service("api").orElseThrow().strategy()).traffic();
        assertEquals(10, api.prodRule().orElseThrow().priority());
        assertEquals(10, api.stageRule().orElseThrow().priority());
        assertEquals(9000, api.containerPort());

        DnsTraffic catalog = (DnsTraffic) ((BlueGreen) tree.service("catalog").orElseThrow().strategy()).traffic();
        assertEquals(30, catalog.ttl());
        assertEquals("[10, 50, 100]", catalog.weightSteps().stream().map(w -> w.weight()).toList().toString());
        assertEquals(Duration.ofMinutes(2), catalog.weightSteps().getFirst().bakeTime());

        assertInstanceOf(Rolling.class, tree.service("mailer").orElseThrow().strategy());
        assertEquals("mailer", tree.service("mailer").orElseThrow().taskDefinition().path("family").asString());
    }

    @Test
    void productionOverridesMergeByName() {
        SpecTree tree = example();
        EffectiveService web = tree.servicesIn(tree.environment("production").orElseThrow()).stream()
                .filter(s -> s.name().equals("web")).findFirst().orElseThrow();
        assertEquals(4, web.service().path("desiredCount").asInt());
        var container = web.taskDefinition().path("containerDefinitions").get(0);
        assertEquals("public.ecr.aws/nginx/nginx:1.27", container.path("image").asString());
        var env = container.path("environment");
        assertEquals(2, env.size(), "LOG_LEVEL replaced by name, API_URL kept");
        assertEquals("warn", env.get(0).path("value").asString());
        assertEquals("API_URL", env.get(1).path("name").asString());
        EffectiveService stagingWeb = tree.servicesIn(tree.environment("staging").orElseThrow()).stream()
                .filter(s -> s.name().equals("web")).findFirst().orElseThrow();
        assertEquals(2, stagingWeb.service().path("desiredCount").asInt());
        assertEquals("info", stagingWeb.taskDefinition().at("/containerDefinitions/0/environment/0/value").asString());
    }
}
