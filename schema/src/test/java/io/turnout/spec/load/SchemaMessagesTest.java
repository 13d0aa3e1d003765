package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static io.turnout.spec.load.Fixtures.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.SpecProblem;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Schema errors come out as human messages with a position and a fix. */
class SchemaMessagesTest {
    static final String WEB = "services/web/service.yaml";

    static List<SpecProblem> webWith(String from, String to) {
        assertTrue(Fixtures.WEB.contains(from), from);
        return problems(repo().with(WEB, Fixtures.WEB.replace(from, to)));
    }

    @Test
    void fixtureIsValid() {
        Fixtures.assertValid(repo());
    }

    @Test
    void unknownFieldSuggestsTheClosestName() {
        SpecProblem p = problemContaining(webWith("desiredCount: 2", "desiredCont: 2"), "desiredCont");
        assertEquals(WEB + ":9:5", p.location().toString());
        assertEquals("/spec/service/desiredCont", p.pointer());
        assertEquals("unknown field 'desiredCont'", p.message());
        assertEquals("did you mean 'desiredCount'?", p.fix());
    }

    @Test
    void unknownFieldFarFromAnyNameListsTheAllowedOnes() {
        SpecProblem p = problemContaining(webWith("targetGroups:", "colour: blue\n          targetGroups:"), "colour");
        assertTrue(p.fix().contains("allowed here: loadBalancer, prodListener, stageListener"), p.fix());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cluster|x|Turnout sets cluster from the environment's spec.cluster",
            "serviceName|x|metadata.name",
            "taskDefinition|x|registers spec.taskDefinition",
            "loadBalancers|[{targetGroupArn: arn}]|spec.strategy.blueGreen.traffic.elb",
            "serviceRegistries|[{registryArn: arn}]|cloudMapServices",
            "deploymentController|{type: CODE_DEPLOY}|the strategy sets the deployment controller",
            "role|x|service-linked role",
            "clientToken|x|idempotency token"})
    void fieldsTurnoutOwnsSaySoAndWhereFrom(String field, String value, String explanation) {
        SpecProblem p = problemContaining(webWith("desiredCount: 2", "desiredCount: 2\n    " + field + ": " + value), "'" + field + "'");
        assertEquals("field '" + field + "' is set by Turnout, not by the spec", p.message());
        assertTrue(p.fix().contains(explanation), p.fix());
    }

    /** What tools dump from a service and carries no information is accepted (issue 11). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"loadBalancers: []", "serviceRegistries: []", "'deploymentController: {type: ECS}'"})
    void fieldsTurnoutSetsAreAcceptedWithoutInformation(String line) {
        Fixtures.assertValid(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2", "desiredCount: 2\n    " + line)));
    }

    @Test
    void daemonSchedulingIsRejectedForBlueGreenWithTheReason() {
        SpecProblem p = problemContaining(webWith("desiredCount: 2", "schedulingStrategy: DAEMON"), "schedulingStrategy");
        assertTrue(p.message().contains("two blue/green slots"), p.message());
        assertTrue(p.fix().contains("REPLICA") && p.fix().contains("spec.strategy.rolling"), p.fix());
    }

    @Test
    void missingRequiredFieldSaysWhereToAddIt() {
        SpecProblem p = problemContaining(problems(repo().with("environments/staging.yaml",
                Fixtures.STAGING.replace("  cluster: staging\n", ""))), "cluster");
        assertEquals("missing required field 'cluster'", p.message());
        assertEquals("/spec", p.pointer());
        assertTrue(p.fix().startsWith("add 'cluster' under /spec (The ECS cluster"), p.fix());
    }

    @Test
    void wrongTypeForANumberWrittenWhereAStringBelongsSaysToQuote() {
        SpecProblem p = problemContaining(problems(repo().with("services/web/web.taskdef.json",
                Fixtures.WEB_TASKDEF.replace("\"networkMode\": \"bridge\",", "\"networkMode\": \"bridge\", \"cpu\": 256,"))), "cpu");
        assertEquals("services/web/web.taskdef.json:3:35", p.location().toString());
        assertTrue(p.fix().contains("quotes"), p.fix());
    }

    @Test
    void accountIdAsANumberExplainsTheYamlGotcha() {
        SpecProblem p = problemContaining(problems(repo().with("environments/staging.yaml",
                Fixtures.STAGING.replace("\"111111111111\"", "111111111111"))), "accountId");
        assertEquals("environments/staging.yaml:7:16", p.location().toString());
        assertTrue(p.message().startsWith("accountId must be a quoted string: YAML reads 111111111111 as a number"), p.message());
        assertEquals("write accountId: \"111111111111\"", p.fix());
    }

    @Test
    void enumListsAllowedValuesAndTheClosest() {
        SpecProblem p = problemContaining(webWith("desiredCount: 2", "launchType: FARGAT"), "launchType");
        assertEquals("launchType \"FARGAT\" is not an allowed value", p.message());
        assertEquals("did you mean 'FARGATE'? Allowed: EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES", p.fix());
    }

    @Test
    void badDurationGivesExamples() {
        SpecProblem p = problemContaining(problems(repo().with("environments/staging.yaml",
                Fixtures.STAGING + "  sync: {interval: 1 minute}\n")), "interval");
        assertTrue(p.message().startsWith("'1 minute' is not valid: a duration"), p.message());
        assertEquals("for example: 90s, 1m30s, 10m, 2h", p.fix());
    }

    @Test
    void serviceNameWithDoubleDashExplainsSlots() {
        List<SpecProblem> found = webWith("name: web}", "name: web--x}");
        SpecProblem p = problemContaining(found, "'--'");
        assertTrue(p.fix().contains("web--a"), p.fix());
    }

    static Stream<Arguments> oneOfCases() {
        return Stream.of(
                Arguments.of("both strategies", "      traffic:", "      traffic:\n    rolling: {}\n    blueGreen2:", "set exactly one of 'blueGreen', 'rolling', 'ecs' or 'codeDeploy'"),
                Arguments.of("no traffic mode", "        elb:", "        none:", "set exactly one of 'elb' or 'dns'"),
                Arguments.of("file and inline", "    file: web.taskdef.json", "    file: web.taskdef.json\n    inline: {family: web}", "set exactly one of 'file' or 'inline'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneOfCases")
    void oneOfSaysSetExactlyOne(String name, String from, String to, String fix) {
        List<SpecProblem> found = webWith(from, to);
        assertTrue(found.stream().anyMatch(p -> p.fix().equals(fix)), describe(found));
    }

    @Test
    void problemsAreSortedByFileLineColumn() {
        List<SpecProblem> found = problems(repo()
                .with(WEB, Fixtures.WEB.replace("desiredCount: 2", "desiredCont: 2").replace("port: 8443", "port: huge"))
                .with("environments/staging.yaml", Fixtures.STAGING.replace("cluster: staging", "clusterr: staging")));
        assertEquals(4, found.size(), describe(found));
        assertEquals(List.of("environments/staging.yaml:4:1", "environments/staging.yaml:8:3", WEB + ":9:5", WEB + ":16:33"),
                found.stream().map(p -> p.location().toString()).toList());
    }
}
