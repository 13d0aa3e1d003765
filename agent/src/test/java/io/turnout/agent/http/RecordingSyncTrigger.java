package io.turnout.agent.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.turnout.status.SyncTrigger;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every poll asked for; answers per repository as the test configures it. */
@Singleton
@Replaces(SyncTrigger.class)
@Requires(property = TestServer.FAKE_AGENT, value = "true")
public final class RecordingSyncTrigger implements SyncTrigger {
    private final List<String> repositoryPolls = new CopyOnWriteArrayList<>();
    private final List<String> environmentSyncs = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> environmentsPerRepository = new ConcurrentHashMap<>();
    private final FakeAgentStatus status;

    RecordingSyncTrigger(FakeAgentStatus status) {
        this.status = status;
    }

    /** {@code pollRepository(repository)} will answer {@code count}; unknown repositories answer 0. */
    public void feeds(String repository, int count) {
        environmentsPerRepository.put(repository, count);
    }

    /** Forgets every poll recorded and every repository configured. */
    public void reset() {
        repositoryPolls.clear();
        environmentSyncs.clear();
        environmentsPerRepository.clear();
    }

    public List<String> repositoryPolls() {
        return List.copyOf(repositoryPolls);
    }

    public List<String> environmentSyncs() {
        return List.copyOf(environmentSyncs);
    }

    public boolean triggeredNothing() {
        return repositoryPolls.isEmpty() && environmentSyncs.isEmpty();
    }

    @Override
    public int pollRepository(String repository) {
        repositoryPolls.add(repository);
        return environmentsPerRepository.getOrDefault(repository, 0);
    }

    @Override
    public boolean syncEnvironment(String environment) {
        environmentSyncs.add(environment);
        return status.environment(environment).isPresent();
    }
}
