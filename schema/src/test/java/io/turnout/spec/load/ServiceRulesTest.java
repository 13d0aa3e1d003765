package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.assertValid;
import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static io.turnout.spec.load.Fixtures.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.Rolling;
import io.turnout.spec.SpecProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Turnout's own rules across services and between a service's strategy and its settings: two
 * services of one environment claiming one resource (issue 11, item 3), the rolling strategy
 * and deploymentConfiguration saying one thing two ways (item 4), settings from a file.
 */
class ServiceRulesTest {
    static final String WEB = "services/web/service.yaml";
    static final String WEB2 = "services/web2/service.yaml";

    /** An ELB service {@code name}, as written by {@code elb} (lines under traffic.elb), in {@code environments}. */
    static String elbService(String name, String environments, String elb) {
        return """
                apiVersion: turnout/v1
                kind: Service
                metadata: {name: %s}
                spec:
                  environments: %s
                  taskDefinition:
                    inline:
                      family: %s
                      containerDefinitions: [{name: web, image: "nginx:1.27", memory: 128, portMappings: [{containerPort: 8080}]}]
                  strategy:
                    blueGreen:
                      traffic:
                        elb:
                          loadBalancer: shop-alb
                %s          container: {name: web, port: 8080}
                """.formatted(name, environments, name, elb);
    }

    static MemorySpecFiles secondElbService(String environments, String elb) {
        return repo().with(WEB2, elbService("web2", environments, elb));
    }

    static MemorySpecFiles secondDnsService(String dns) {
        return repo().with("services/catalog2/service.yaml", Fixtures.CATALOG.replace("name: catalog}", "name: catalog2}")
                .replace("family: catalog", "family: catalog2").replace("{a: catalog-a, b: catalog-b}", "{a: catalog2-a, b: catalog2-b}")
                .replace("recordName: catalog.internal.shop.example", "recordName: catalog2.internal.shop.example")
                .replace("                      cloudMapServices:", dns + "                      cloudMapServices:"));
    }

    @Test
    void twoServicesClaimingOneTargetGroupAreRefusedNamingTheFirst() {
        List<SpecProblem> found = problems(secondElbService("[production]", """
                          prodListener: {port: 80}
                          stageListener: {port: 8080}
                          targetGroups: {a: web2-a, b: web-b}
                """));
        SpecProblem p = problemContaining(found, "target group 'web-b'");
        assertEquals(WEB2 + ":17:40", p.location().toString(), describe(found));
        assertTrue(p.message().startsWith("service 'web2' and service 'web' (services/web/service.yaml) both use target group 'web-b' in environment 'production'"), p.message());
    }

    @Test
    void twoServicesSwappingOneListenerAreRefused() {
        SpecProblem p = problemContaining(problems(secondElbService("[staging]", """
                          prodListener: {port: 443}
                          stageListener: {port: 9443}
                          targetGroups: {a: web2-a, b: web2-b}
                """)), "the default action of listener 443 of load balancer shop-alb");
        assertTrue(p.message().contains("in environment 'staging'"), p.message());
    }

    @Test
    void twoServicesOnOneRuleAreRefusedButDistinctRulesAndTheDefaultActionShare() {
        String rules = """
                          prodListener: {port: 443}
                          stageListener: {port: 8443}
                          prodRule: {priority: %d}
                          stageRule: {priority: %d}
                          targetGroups: {a: %s-a, b: %s-b}
                """;
        // web swaps the default actions of 443 and 8443; web2's rules on them are other resources
        assertValid(secondElbService("[staging, production]", rules.formatted(10, 11, "web2", "web2")));
        MemorySpecFiles third = secondElbService("[production]", rules.formatted(10, 11, "web2", "web2"))
                .with("services/web3/service.yaml", elbService("web3", "[production]", rules.formatted(10, 12, "web3", "web3")));
        SpecProblem p = problemContaining(problems(third), "the rule with priority 10 on listener 443 of load balancer shop-alb");
        assertTrue(p.message().startsWith("service 'web3' and service 'web2'"), p.message());
    }

    @Test
    void servicesInDifferentEnvironmentsMayShareEverything() {
        assertValid(repo().with("environments/qa.yaml", Fixtures.PRODUCTION.replace("production", "qa"))
                .with(WEB2, elbService("web2", "[qa]", """
                          prodListener: {port: 443}
                          stageListener: {port: 8443}
                          targetGroups: {a: web-a, b: web-b}
                """)));
    }

    @Test
    void twoServicesWithOneCloudMapServiceOrRecordAreRefused() {
        List<SpecProblem> sameRecord = problems(secondDnsService("").with("services/catalog2/service.yaml",
                new String(secondDnsService("").read("services/catalog2/service.yaml")).replace("recordName: catalog2.", "recordName: CATALOG.")));
        problemContaining(sameRecord, "both use DNS record catalog.internal.shop.example in zone internal.shop.example in environment 'production'");
        List<SpecProblem> sameCloudMap = problems(secondDnsService("").with("services/catalog2/service.yaml",
                new String(secondDnsService("").read("services/catalog2/service.yaml")).replace("{a: catalog2-a, b: catalog2-b}", "{a: catalog2-a, b: catalog-b}")));
        problemContaining(sameCloudMap, "both use Cloud Map service 'catalog-b' in namespace svc.shop.local");
    }

    // ---- item 4: the rolling strategy and deploymentConfiguration ----

    @Test
    void breakerOffInTheSettingsAgainstAnExplicitRollingBreakerIsRefusedNamingBoth() {
        MemorySpecFiles files = Workers.repo(Workers.FARGATE_TASK_DEFINITION, Workers.FARGATE_SETTINGS
                + "    deploymentConfiguration: {deploymentCircuitBreaker: {enable: false, rollback: false}}\n", "rolling: {circuitBreaker: true}");
        SpecProblem p = problemContaining(problems(files), "deploymentCircuitBreaker.enable is false");
        assertEquals(Workers.SPEC + ":14:66", p.location().toString());
        assertEquals("spec.service.deploymentConfiguration.deploymentCircuitBreaker.enable is false, but spec.strategy.rolling.circuitBreaker is true"
                + ": the rolling strategy writes that setting, so one would silently win", p.message());
        assertEquals("say it once, in spec.strategy.rolling.circuitBreaker, and remove it from spec.service.deploymentConfiguration", p.fix());
    }

    /** The case: the breaker turned off in the settings is off, not silently turned on by the rolling block's default. */
    @Test
    void aRollingBlockThatSaysNothingTakesTheBreakerFromTheSettings() {
        LoadResult result = Fixtures.load(Workers.settings("    deploymentConfiguration: {deploymentCircuitBreaker: {enable: false, rollback: false}}\n"));
        assertTrue(result.isValid(), () -> describe(result.problems()));
        Rolling rolling = (Rolling) result.tree().orElseThrow().services().stream().filter(s -> s.name().equals("worker"))
                .findFirst().orElseThrow().strategy();
        assertFalse(rolling.circuitBreaker());
        assertFalse(rolling.rollback());
    }

    @Test
    void anOverrideOfTheBreakerIsRefusedBecauseTheStrategyHoldsOneValue() {
        MemorySpecFiles files = Workers.fargate().with(Workers.SPEC, Workers.spec(Workers.FARGATE_SETTINGS, "rolling: {}")
                + "  overrides:\n    production:\n      service: {deploymentConfiguration: {deploymentCircuitBreaker: {enable: false, rollback: true}}}\n");
        SpecProblem p = problemContaining(problems(files), "deploymentCircuitBreaker.enable is false");
        assertTrue(p.message().contains("the rolling strategy's circuitBreaker is true in every environment"), p.message());
        assertTrue(p.message().endsWith("(in environment 'production', after overrides)"), p.message());
        assertEquals(Workers.SPEC + ":18:78", p.location().toString());
    }

    @Test
    void percentagesSaidTwiceDifferentlyAreRefused() {
        MemorySpecFiles files = Workers.repo(Workers.FARGATE_TASK_DEFINITION,
                Workers.FARGATE_SETTINGS + "    deploymentConfiguration: {minimumHealthyPercent: 50}\n", "rolling: {minimumHealthyPercent: 100}");
        problemContaining(problems(files), "deploymentConfiguration.minimumHealthyPercent is 50, but spec.strategy.rolling.minimumHealthyPercent is 100");
    }

    @Test
    void theSameValueSaidTwiceOrOnlyInTheSettingsIsFine() {
        assertValid(Workers.repo(Workers.FARGATE_TASK_DEFINITION, Workers.FARGATE_SETTINGS
                        + "    deploymentConfiguration: {minimumHealthyPercent: 50, maximumPercent: 150, deploymentCircuitBreaker: {enable: false, rollback: false}}\n",
                "rolling: {minimumHealthyPercent: 50, circuitBreaker: false, rollback: false}"));
    }

    // ---- spec.service.file ----

    @Test
    void aProblemInTheServiceFileIsReportedInThatFile() {
        MemorySpecFiles files = Workers.fargate().with(Workers.SPEC, Workers.spec("    file: worker.service.yaml\n", "rolling: {}"))
                .with("services/worker/worker.service.yaml", "desiredCount: 1\nlaunchType: FARGATE\ncluster: prod\n");
        List<SpecProblem> found = problems(files);
        SpecProblem p = problemContaining(found, "field 'cluster' is set by Turnout");
        assertEquals("services/worker/worker.service.yaml:3:1", p.location().toString());
    }

    @Test
    void theRulesReadTheServiceFile() {
        MemorySpecFiles files = Workers.fargate().with(Workers.SPEC, Workers.spec("    file: worker.service.yaml\n", "rolling: {}"))
                .with("services/worker/worker.service.yaml", "desiredCount: 1\nlaunchType: FARGATE\ndeploymentConfiguration: {strategy: CANARY}\n");
        List<SpecProblem> found = problems(files);
        assertEquals("services/worker/worker.service.yaml:1:1", problemContaining(found, "Network Configuration must be provided").location().toString());
        assertEquals("services/worker/worker.service.yaml:3:37", problemContaining(found, "strategy CANARY").location().toString());
        assertTrue(problemContaining(found, "Network Configuration").fix().endsWith("to services/worker/worker.service.yaml"), describe(found));
    }

    @Test
    void settingsNextToTheFileAreRefused() {
        SpecProblem p = problemContaining(problems(Workers.fargate().with(Workers.SPEC,
                Workers.spec("    file: worker.service.yaml\n    desiredCount: 2\n", "rolling: {}"))), "desiredCount");
        assertEquals("field 'desiredCount' next to spec.service.file", p.message());
        assertTrue(p.fix().contains("move 'desiredCount' into it"), p.fix());
    }

    @Test
    void aMissingServiceFileIsNamed() {
        SpecProblem p = problemContaining(problems(Workers.fargate().with(Workers.SPEC,
                Workers.spec("    file: nowhere.json\n", "rolling: {}"))), "file not found");
        assertEquals(Workers.SPEC + ":9:11", p.location().toString());
    }

    @Test
    void filesOfAServiceWithAnErrorAreNotAlsoReportedAsNotASpec() {
        List<SpecProblem> found = problems(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2", "desiredCont: 2")));
        assertEquals(1, found.size(), describe(found));
        assertFalse(describe(found).contains("not a Turnout spec"), describe(found));
    }
}
