package io.turnout.agent.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.turnout.status.Approvals;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every decision asked for; answers what the test configures (RECORDED by default). */
@Singleton
@Replaces(Approvals.class)
@Requires(property = TestServer.FAKE_AGENT, value = "true")
public final class RecordingApprovals implements Approvals {
    /** One decision as the HTTP layer passed it on. */
    public record Decided(String environment, String commit, Decision decision, String by) {}

    private final List<Decided> decided = new CopyOnWriteArrayList<>();
    private volatile Answer answer = new Answer(Answer.Result.RECORDED, "recorded");
    private volatile Approvals delegate;

    public void answer(Answer answer) {
        this.answer = answer;
    }

    /** From now on (until {@link #reset}) decisions are recorded and then answered by {@code agent} (e.g. the agent's own). */
    public void delegateTo(Approvals agent) {
        this.delegate = agent;
    }

    public List<Decided> decided() {
        return List.copyOf(decided);
    }

    public void reset() {
        decided.clear();
        answer = new Answer(Answer.Result.RECORDED, "recorded");
        delegate = null;
    }

    @Override
    public Answer decide(String environment, String commit, Decision decision, String by) {
        decided.add(new Decided(environment, commit, decision, by));
        Approvals agent = delegate;
        return agent == null ? answer : agent.decide(environment, commit, decision, by);
    }
}
