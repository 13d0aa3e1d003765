package io.turnout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code turnout agent}: options to properties, and a clear error without a repository. */
class AgentCommandTest {
    @Test
    void optionsBecomeAgentProperties() {
        AgentCommand command = new AgentCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--repo", "file:///tmp/shop", "--path", "specs-example",
                "--cloud", "sim", "--world", "w.yaml", "--env", "production,staging", "--port", "9090");
        Map<String, Object> p = command.properties();
        assertEquals("file:///tmp/shop", p.get("turnout.agent.repositories.default.url"));
        assertEquals("main", p.get("turnout.agent.repositories.default.branch"));
        assertEquals("specs-example", p.get("turnout.agent.repositories.default.path"));
        assertEquals("sim", p.get("turnout.agent.cloud"));
        assertTrue(p.get("turnout.agent.world").toString().endsWith("w.yaml"));
        assertEquals("production,staging", p.get("turnout.agent.environments"));
        assertEquals(9090, p.get("micronaut.server.port"));
        assertEquals("127.0.0.1", p.get("micronaut.server.host"), "a trial on the simulated cloud: only this machine unless asked");
    }

    @Test
    void onAwsTheServerSettingsComeFromTheEnvironmentUnlessGiven() {
        AgentCommand command = new AgentCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--cloud", "aws");
        Map<String, Object> p = command.properties();
        assertTrue(!p.containsKey("micronaut.server.port") && !p.containsKey("micronaut.server.host"), p::toString);
        assertEquals("aws", p.get("turnout.agent.cloud"));

        new CommandLine(command).parseArgs("--host", "0.0.0.0", "--port", "8081");
        assertEquals("0.0.0.0", command.properties().get("micronaut.server.host"));
        assertEquals(8081, command.properties().get("micronaut.server.port"));
    }

    @Test
    void aConfigurationErrorSaysWhatIsWrong() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TurnoutCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("agent", "--repo", "file:///nowhere/specs.git", "--cloud", "sim", "--port", "-1");
        assertEquals(ExitCodes.ERROR, code);
        assertTrue(err.toString().contains("--cloud sim needs --world FILE"), err::toString);

        err.getBuffer().setLength(0);
        code = TurnoutCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("agent", "--repo", "https://x-access-token:ghp_secret@github.com/acme/specs.git", "--port", "-1");
        assertEquals(ExitCodes.ERROR, code);
        assertTrue(err.toString().contains("the agent could not start"), err::toString);
        assertTrue(err.toString().contains("contains a password or token"), err::toString);
        assertTrue(!err.toString().contains("ghp_secret"), err::toString);
    }

    @Test
    void withoutARepositoryItSaysWhatToPass() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TurnoutCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("agent", "--port", "-1");
        assertEquals(ExitCodes.ERROR, code);
        assertTrue(err.toString().contains("no spec repository to follow"), err::toString);
        assertTrue(err.toString().contains("--repo URL"), err::toString);
    }
}
