package io.turnout.agent.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.turnout.status.AgentStatus;
import io.turnout.status.EnvironmentStatus;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The agent's read model as a test sets it; replaces the real one in contexts started by {@link TestServer}. */
@Singleton
@Replaces(AgentStatus.class)
@Requires(property = TestServer.FAKE_AGENT, value = "true")
public final class FakeAgentStatus implements AgentStatus {
    private volatile List<EnvironmentStatus> environments = List.of();
    private volatile RuntimeException failure;

    public void set(List<EnvironmentStatus> environments) {
        this.environments = environments.stream().sorted(Comparator.comparing(EnvironmentStatus::name)).toList();
    }

    /** Makes every read throw {@code failure} (null to stop). */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public List<EnvironmentStatus> environments() {
        if (failure != null) throw failure;
        return environments;
    }

    @Override
    public Optional<EnvironmentStatus> environment(String name) {
        return environments().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
