package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static io.turnout.spec.load.Fixtures.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.SpecProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems read as advice: no internal pointers, no "(null) (null)", a hint for dumps, control characters escaped (issue 11, item 6). */
class ProblemTextTest {
    static final String WEB = "services/web/service.yaml";
    static final String TD = "services/web/web.taskdef.json";

    @Test
    void aNullValueSaysItHasNoValue() {
        SpecProblem p = problemContaining(problems(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2", "desiredCount:"))), "desiredCount");
        assertEquals("'desiredCount' has no value (null); expected an integer", p.message());
        assertEquals("write an integer after 'desiredCount:', or remove the key", p.fix());
        assertFalse(p.describe().contains("(null) (null)"), p.describe());
    }

    @Test
    void aNullEnumIsOneProblemNotTwo() {
        List<SpecProblem> found = problems(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2", "launchType: null")));
        assertEquals(1, found.size(), describe(found));
        assertEquals("'launchType' has no value (null); expected a string", found.getFirst().message());
    }

    @Test
    void aBadSubnetSaysWhatAnIdLooksLike() {
        SpecProblem p = problemContaining(problems(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2",
                "desiredCount: 2\n    networkConfiguration: {awsvpcConfiguration: {subnets: [sn-123], securityGroups: [web]}}"))), "'sn-123'");
        assertEquals("'sn-123' is not valid: a subnet id: 'subnet-' and 8 or 17 hexadecimal digits", p.message());
        assertEquals("for example: subnet-0123456789abcdef0", p.fix());
        SpecProblem sg = problemContaining(problems(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2",
                "desiredCount: 2\n    networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-0123abcd], securityGroups: [web]}}"))), "'web' is not valid");
        assertEquals("for example: sg-0123456789abcdef0", sg.fix());
        assertFalse(sg.describe().contains("$defs"), sg.describe());
    }

    @Test
    void aDescribeTaskDefinitionDumpGetsOneHintToUnwrapIt() {
        List<SpecProblem> found = problems(repo().with(TD, "{\"taskDefinition\": " + Fixtures.WEB_TASKDEF.replace("\"family\": \"web\",",
                "\"family\": \"web\", \"revision\": 3, \"status\": \"ACTIVE\",") + ", \"tags\": []}"));
        assertEquals(1, found.size(), describe(found));
        SpecProblem p = found.getFirst();
        assertEquals(TD + ":1:2", p.location().toString());
        assertTrue(p.message().startsWith("unknown field 'taskDefinition': this is DescribeTaskDefinition's answer"), p.message());
        assertTrue(p.fix().startsWith("unwrap it") && p.fix().contains("revision") && p.fix().contains("taskDefinitionArn"), p.fix());
    }

    @Test
    void responseOnlyFieldsSayWhereTheyComeFrom() {
        SpecProblem p = problemContaining(problems(repo().with(TD, Fixtures.WEB_TASKDEF.replace("\"family\": \"web\",",
                "\"family\": \"web\", \"registeredAt\": \"2024-01-01T00:00:00Z\","))), "registeredAt");
        assertEquals("unknown field 'registeredAt': DescribeTaskDefinition reports it, the RegisterTaskDefinition request does not take it", p.message());
        assertTrue(p.fix().startsWith("remove it"), p.fix());
        SpecProblem s = problemContaining(problems(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2", "desiredCount: 2\n    runningCount: 2"))), "runningCount");
        assertEquals("unknown field 'runningCount': DescribeServices reports it, the CreateService request does not take it", s.message());
    }

    @Test
    void controlCharactersFromTheSpecAreEscapedInEveryPart() {
        List<SpecProblem> found = problems(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2", "\"desired\\e[31mCount\\0\": 2")));
        String text = describe(found);
        assertFalse(text.chars().anyMatch(c -> c < 0x20 && c != '\n'), text);
        assertTrue(text.contains("desired\\u001B[31mCount\\0"), text);
    }

    @Test
    void aRepositoryRootAroundTheSpecsGetsOneHintNamingTheFolder() {
        MemorySpecFiles root = new MemorySpecFiles();
        for (String path : repo().list()) root.with("deploy/specs/" + path, new String(repo().read(path)));
        for (int i = 0; i < 30; i++) root.with("charts/app" + i + "/values.yaml", "replicas: 2\n");
        root.with(".github/../docker-compose.yaml", "services: {}\n");
        List<SpecProblem> found = problems(root);
        assertEquals(1, found.size(), describe(found));
        SpecProblem p = found.getFirst();
        assertEquals("deploy/specs", p.location().toString());
        assertTrue(p.message().startsWith("31 YAML files outside deploy/specs/ are not Turnout specs"), p.message());
        assertTrue(p.fix().contains("turnout validate deploy/specs"), p.fix());
    }

    @Test
    void aStrayFileInsideTheSpecTreeIsStillReportedOnItsOwn() {
        SpecProblem p = problemContaining(problems(repo().with("services/web/notes.yaml", "todo: tests\n")), "not a Turnout spec");
        assertEquals("services/web/notes.yaml:1:1", p.location().toString());
    }

    @Test
    void aFolderWithoutAnySpecSaysSoOnce() {
        List<SpecProblem> found = problems(new MemorySpecFiles().with("a.yaml", "x: 1\n").with("b/c.yaml", "y: 2\n"));
        assertEquals(1, found.size(), describe(found));
        assertTrue(found.getFirst().message().startsWith("none of the 2 YAML files here is a Turnout spec"), describe(found));
    }
}
