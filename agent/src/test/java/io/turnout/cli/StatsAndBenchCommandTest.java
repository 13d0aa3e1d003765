package io.turnout.cli;

import static io.turnout.cli.CommandLineTest.EXAMPLE;
import static io.turnout.cli.CommandLineTest.WORLD;
import static io.turnout.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CallStats;
import org.junit.jupiter.api.Test;

class StatsAndBenchCommandTest {
    @Test
    void planWithStatsPrintsOneLineOfCallsToStderrAfterThePlan() {
        CommandLineTest.Run r = run("plan", "--env", "production", "--world", WORLD.toString(), "--specs", EXAMPLE.toString(),
                "--stats");
        assertEquals(ExitCodes.CHANGES, r.exit(), r.err());
        assertTrue(r.out().startsWith("Plan for production"), r.out());
        assertFalse(r.out().contains("AWS calls"), "the plan on stdout stays clean");
        // bootstrap: BLUE then GREEN slots described (2), both listeners' rules (2), one of everything else
        assertEquals("AWS calls: 12 (ecs:DescribeServices 2, elbv2:DescribeRules 2, ecs:DescribeClusters 1,"
                + " elbv2:DescribeListeners 1, elbv2:DescribeLoadBalancers 1, elbv2:DescribeTargetGroups 1,"
                + " route53:ListHostedZonesByName 1, route53:ListResourceRecordSets 1, servicediscovery:ListNamespaces 1,"
                + " servicediscovery:ListServices 1)", r.err().strip());
    }

    @Test
    void statsLineWithoutCalls() {
        assertEquals("AWS calls: 0", PlanCommand.statsLine(new CallStats()));
    }

    @Test
    void benchCallsPrintsAMarkdownTable() {
        CommandLineTest.Run r = run("bench", "calls", "--services", "10,20");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("| services |"), r.out());
        assertEquals(4, r.out().lines().count(), r.out());
        assertTrue(r.out().contains("| 20 | 1 | 1 | 2 |"), r.out());
    }

    @Test
    void benchIsHiddenFromTheMainHelp() {
        assertFalse(run("--help").out().contains("bench"));
    }
}
