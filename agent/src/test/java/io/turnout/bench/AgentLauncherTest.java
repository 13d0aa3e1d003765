package io.turnout.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark starts the agent as {@code ./turnout} does: the same JIT rule (C1 only for
 * {@code agent}) and {@code TURNOUT_JAVA_OPTS} after it, so that they override it. The launcher
 * script itself is read here, so that the two cannot drift apart.
 */
class AgentLauncherTest {
    private static final AgentProcess.Launcher JAR = new AgentProcess.Launcher(List.of("java", "-XX:AOTCache=/x/turnout.aot"),
            List.of("-jar", "/x/turnout.jar"), true);

    @Test
    void theAgentCompilesWithC1OnlyAndTheOtherCommandsKeepTheDefault() {
        assertEquals(List.of("java", "-XX:AOTCache=/x/turnout.aot", "-XX:TieredStopAtLevel=1", "-jar", "/x/turnout.jar", "agent", "--port", "-1"),
                JAR.command(List.of("agent", "--port", "-1"), Map.of()));
        assertEquals(List.of("java", "-XX:AOTCache=/x/turnout.aot", "-jar", "/x/turnout.jar", "plan", "--env", "agent"),
                JAR.command(List.of("plan", "--env", "agent"), Map.of()));
    }

    @Test
    void turnoutJavaOptsComeLastSoTheyOverride() {
        assertEquals(List.of("java", "-XX:AOTCache=/x/turnout.aot", "-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4", "-Xmx512m",
                        "-jar", "/x/turnout.jar", "agent"),
                JAR.command(List.of("agent"), Map.of("TURNOUT_JAVA_OPTS", "  -XX:TieredStopAtLevel=4   -Xmx512m ")));
    }

    @Test
    void theLauncherScriptHasTheSameRule() throws Exception {
        String script = Files.readString(Path.of("..", "turnout"));
        assertEquals(true, script.contains("if [ \"${1:-}\" = \"agent\" ]; then\n  jit=(" + AgentProcess.Launcher.AGENT_JIT + ")"), script);
        assertEquals(true, script.contains("exec \"$java_bin\" \"${aot[@]}\" \"${jit[@]}\" ${TURNOUT_JAVA_OPTS:-} -jar \"$jar\" \"$@\""), script);
    }
}
