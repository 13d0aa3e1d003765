package io.turnout.apply;

import io.turnout.plan.AwaitApproval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The approval gates of one deployment ({@link AwaitApproval}): when a service's track reaches its
 * gate, the wait is journaled once ({@code approval-wait}, with its deadline) and the
 * {@link ApprovalDesk} asked. Approved, the step runs (its runner re-checks the new version before
 * production moves); nobody decided yet, the service pauses — verified, production untouched — and
 * the run ends {@code PAUSED} without an {@code end} entry once the other tracks are done, so the
 * next run (the next poll, a restarted process) asks again; rejected or past the deadline, the step
 * fails and that service alone is rolled back. Shared by the tracks of one deployment.
 */
final class ApprovalGate {
    /** What the gate lets a track do. */
    sealed interface Verdict {
        /** Run the gate's step: production may move. */
        record Proceed() implements Verdict {
        }

        /** Nobody decided yet: the service waits. */
        record Pause(PendingApproval pending) implements Verdict {
        }

        /** Rejected, or not approved in time: the step fails. */
        record Fail(String reason) implements Verdict {
        }
    }

    private final ApprovalDesk desk;
    private final String environment;
    private final Optional<String> commit;
    private final Map<Integer, Instant> waitingSince = new ConcurrentHashMap<>();
    private final List<String> decisions = Collections.synchronizedList(new ArrayList<>());

    /** @param waitingBefore when each gate (by step index) started waiting, from the journal */
    ApprovalGate(ApprovalDesk desk, String environment, Optional<String> commit, Map<Integer, Instant> waitingBefore) {
        this.desk = desk;
        this.environment = environment;
        this.commit = commit;
        this.waitingSince.putAll(waitingBefore);
    }

    Verdict ask(StepContext ctx, DeploymentJournal journal, PlannedStep s, AwaitApproval gate) {
        Instant since = waitingSince.computeIfAbsent(s.index(), i -> {
            Instant now = ctx.now();
            journal.approvalWait(s.service(), i, now.plus(gate.timeout()));
            return now;
        });
        PendingApproval pending = new PendingApproval(environment, s.service(), gate.ecsServiceName(), commit, since,
                since.plus(gate.timeout()));
        return switch (desk.decide(pending)) {
            case ApprovalDesk.Decision.Approved a -> {
                decisions.add(s.service() + ": approved by " + a.by() + " at " + a.at());
                ctx.progress.approvalDecided(pending, "approved by " + a.by());
                yield new Verdict.Proceed();
            }
            case ApprovalDesk.Decision.Rejected r -> {
                decisions.add(s.service() + ": rejected by " + r.by() + " at " + r.at());
                ctx.progress.approvalDecided(pending, "rejected by " + r.by());
                yield new Verdict.Fail("rejected by " + r.by() + " at " + r.at());
            }
            case ApprovalDesk.Decision.Waiting w -> {
                if (ctx.now().isBefore(pending.deadline())) {
                    ctx.progress.awaitingApproval(pending);
                    yield new Verdict.Pause(pending);
                }
                String timedOut = "not approved within " + StepContext.format(gate.timeout()) + " (waiting since " + since + ")";
                decisions.add(s.service() + ": " + timedOut);
                ctx.progress.approvalDecided(pending, timedOut);
                yield new Verdict.Fail(timedOut);
            }
        };
    }

    /** The gates decided in this run, one line each, for the outcome. */
    List<String> decisions() {
        synchronized (decisions) {
            return List.copyOf(decisions);
        }
    }
}
