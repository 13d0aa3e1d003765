package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micronaut.context.annotation.Requires;
import io.turnout.status.AgentStatus;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.SyncTrigger;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The HTTP tests keep working once the agent's real {@link AgentStatus} and {@link SyncTrigger}
 * beans exist: the fakes replace any implementation of those interfaces.
 */
class FakeBeansReplaceTheAgentTest {
    static final String STAND_INS = "turnout.test.stand-in-agent";

    @Test
    void fakesWinOverRealImplementations() {
        try (TestServer server = TestServer.start(Map.of(STAND_INS, "true"))) {
            assertInstanceOf(FakeAgentStatus.class, server.context().getBean(AgentStatus.class));
            assertInstanceOf(RecordingSyncTrigger.class, server.context().getBean(SyncTrigger.class));
        }
    }

    /** Stands in for the agent's real read model. */
    @Singleton
    @Requires(property = STAND_INS, value = "true")
    static final class RealAgentStatus implements AgentStatus {
        @Override
        public List<EnvironmentStatus> environments() {
            return List.of();
        }

        @Override
        public Optional<EnvironmentStatus> environment(String name) {
            return Optional.empty();
        }
    }

    /** Stands in for the agent's real scheduler hook. */
    @Singleton
    @Requires(property = STAND_INS, value = "true")
    static final class RealSyncTrigger implements SyncTrigger {
        @Override
        public int pollRepository(String repository) {
            return 0;
        }

        @Override
        public boolean syncEnvironment(String environment) {
            return false;
        }
    }
}
