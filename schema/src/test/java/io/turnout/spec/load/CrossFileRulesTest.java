package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static io.turnout.spec.load.Fixtures.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.SpecProblem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule that spans fields or files fails with the file:line of the field to change and the fix. */
class CrossFileRulesTest {
    static final String WEB = "services/web/service.yaml";
    static final String CATALOG = "services/catalog/service.yaml";

    static MemorySpecFiles web(String from, String to) {
        assertTrue(Fixtures.WEB.contains(from), from);
        return repo().with(WEB, Fixtures.WEB.replace(from, to));
    }

    static MemorySpecFiles catalog(String from, String to) {
        assertTrue(Fixtures.CATALOG.contains(from), from);
        return repo().with(CATALOG, Fixtures.CATALOG.replace(from, to));
    }

    /** name, repository, expected location, text the message or fix contains. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("unknown environment", web("[staging, production]", "[staging, prod]"),
                        WEB + ":5:27", "unknown environment 'prod' (at /spec/environments/1). Did you mean 'production'?"),
                Arguments.of("override for an environment the service does not run in",
                        web("    desiredCount: 2\n", "    desiredCount: 2\n  overrides:\n    qa: {service: {desiredCount: 1}}\n"),
                        WEB + ":11:5", "override for 'qa', which is not one of spec.environments"),
                Arguments.of("container port does not match", web("port: 8080}", "port: 9090}"),
                        WEB + ":18:40", "No container definition has port mapping that matches the target port 9090 of target groups web-a, web-b: container 'web' maps [8080]"),
                Arguments.of("container name does not exist", web("container: {name: web,", "container: {name: wbe,"),
                        WEB + ":18:29", "no container named 'wbe' in the task definition (containers: web)"),
                Arguments.of("same listener without rules", web("port: 8443", "port: 443"),
                        WEB + ":16:33", "prodListener and stageListener are both port 443"),
                Arguments.of("same listener, same rule",
                        web("stageListener: {port: 8443}", "stageListener: {port: 443}\n          prodRule: {priority: 5}\n          stageRule: {priority: 5}"),
                        WEB + ":18:33", "prodRule and stageRule are the same rule"),
                Arguments.of("target groups a = b", web("{a: web-a, b: web-b}", "{a: web-a, b: web-a}"),
                        WEB + ":17:39", "both slots use target group 'web-a'"),
                Arguments.of("cloud map services a = b", catalog("{a: catalog-a, b: catalog-b}", "{a: catalog-a, b: catalog-a}"),
                        CATALOG + ":18:47", "both slots use Cloud Map service 'catalog-a'"),
                Arguments.of("weight steps not increasing", catalog("[{weight: 10, bakeTime: 2m}, {weight: 100}]", "[{weight: 50}, {weight: 10}, {weight: 100}]"),
                        CATALOG + ":19:48", "weight steps must increase: step 2 has weight 10 after 50"),
                Arguments.of("weight steps not ending at 100", catalog("{weight: 100}", "{weight: 90}"),
                        CATALOG + ":19:62", "the last weight step is 90"),
                Arguments.of("duplicate service", repo().with("services/web2.yaml", Fixtures.WEB.replace("web.taskdef.json", "web/web.taskdef.json")),
                        "services/web2.yaml:3:18", "service 'web' is defined twice (also in services/web/service.yaml:3:18)"),
                Arguments.of("duplicate environment", repo().with("environments/staging2.yaml", Fixtures.STAGING),
                        "environments/staging2.yaml:3:18", "environment 'staging' is defined twice"),
                Arguments.of("task check container missing",
                        web("          container: {name: web, port: 8080}\n", "          container: {name: web, port: 8080}\n      verification:\n        task: {container: smoke, command: [./run]}\n"),
                        WEB + ":20:27", "verification task container 'smoke' is not in the task definition"),
                Arguments.of("environment default task check container missing",
                        repo().with("environments/production.yaml", Fixtures.PRODUCTION + "  deployment:\n    verification:\n      task: {container: smoke, command: [./run]}\n"),
                        "environments/production.yaml:9:25", "is not in service 'catalog'"),
                Arguments.of("auto scaling min > max",
                        web("          container: {name: web, port: 8080}\n", "          container: {name: web, port: 8080}\n      autoScaling: {minCapacity: 5, maxCapacity: 2}\n"),
                        WEB + ":19:34", "minCapacity 5 is greater than maxCapacity 2"),
                Arguments.of("shared task definition family", catalog("family: catalog", "family: web"),
                        "services/web/web.taskdef.json:2:13", "task definition family 'web' is also used by service 'catalog'"),
                Arguments.of("override breaks the container port in one environment",
                        web("    desiredCount: 2\n", "    desiredCount: 2\n  overrides:\n    production:\n      taskDefinition:\n        containerDefinitions: [{name: web, portMappings: [{containerPort: 80}]}]\n"),
                        WEB + ":22:40", "maps [80] in environment 'production' (after overrides)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleFailsAtTheFieldToChange(String name, SpecFiles files, String location, String text) {
        List<SpecProblem> found = problems(files);
        SpecProblem p = problemContaining(found, text);
        assertEquals(location, p.location().toString(), describe(found));
        assertTrue(p.fix() != null && !p.fix().isBlank(), "a fix is given: " + p.describe());
    }

    @Test
    void wrongContainerPortSaysHowToFixIt() {
        SpecProblem p = problemContaining(problems(web("port: 8080}", "port: 9090}")), "target port 9090");
        assertEquals("/spec/strategy/blueGreen/traffic/elb/container/port", p.pointer());
        assertEquals("Set spec.strategy.blueGreen.traffic.elb.container.port to one of those ports or add a portMapping with containerPort 9090"
                + " to container 'web' in services/web/web.taskdef.json", p.fix());
    }

    @Test
    void sharedListenerWithDistinctRulesIsFine() {
        Fixtures.assertValid(web("stageListener: {port: 8443}", "stageListener: {port: 443}\n          prodRule: {priority: 5}\n          stageRule: {priority: 6}"));
    }

    @Test
    void rollingServiceRejectsTrafficSettings() {
        SpecProblem p = problemContaining(problems(repo().with(WEB, Fixtures.WEB.replace("    blueGreen:\n", "    rolling:\n"))), "unknown field 'traffic'");
        assertEquals("/spec/strategy/rolling/traffic", p.pointer());
        assertTrue(p.fix().contains("circuitBreaker"), p.fix());
    }
}
