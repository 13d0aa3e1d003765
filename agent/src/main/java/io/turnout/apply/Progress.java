package io.turnout.apply;

import io.turnout.plan.Step;
import io.turnout.status.ServiceOutcome;
import io.turnout.text.TerminalText;
import java.io.PrintWriter;

/**
 * What a deployment tells people while it runs: one line per thing worth knowing ("web: Waiting
 * for web--b to reach steady state: 1/2 running…", "web: Swapping prod listener :443 to web-b"),
 * the start and end of every step and of every service's track. The step hooks also let tests stop
 * an executor between two steps, as a process kill would.
 *
 * <p>Services deploy side by side on their own threads; the executor calls one {@code Progress}
 * from one thread at a time, so implementations need not be thread-safe.
 */
public interface Progress {
    /** One line for people. */
    void line(String message);

    /** Step {@code index} (0-based over the whole plan) is about to run. */
    default void stepStarted(int index, Step step) {}

    /** Step {@code index} has finished and its end is journaled. */
    default void stepFinished(int index, Step step) {}

    /** Step {@code index} of {@code service} is about to run; by default {@link #stepStarted(int, Step)}. */
    default void stepStarted(int index, String service, Step step) {
        stepStarted(index, step);
    }

    /** Step {@code index} of {@code service} has finished and its end is journaled; by default {@link #stepFinished(int, Step)}. */
    default void stepFinished(int index, String service, Step step) {
        stepFinished(index, step);
    }

    /** Step {@code index} of {@code service} failed with {@code reason} (journaled); its service is rolled back next. */
    default void stepFailed(int index, String service, Step step, String reason) {}

    /** A service's track ended (journaled): applied, rolled back, failed or skipped. */
    default void serviceFinished(ServiceOutcome outcome) {}

    /** A service waits at its approval gate (reported on every run that finds it still waiting). */
    default void awaitingApproval(PendingApproval pending) {}

    /** The approval gate of {@code pending} was decided: "approved by alice", "rejected by bob", "not approved within 24h …". */
    default void approvalDecided(PendingApproval pending, String decision) {}

    /**
     * AWS's own engine reports where the deployment of {@code service} is now (lifecycle stage and
     * traffic weights, "TEST_TRAFFIC_SHIFT, production 100% on web:3, test 100% on web:4"), for the
     * status page. Called when it changes, next to a {@link #line}.
     */
    default void engineStage(String service, String description) {}

    /**
     * Lines to {@code out}, flushed at once (a deployment takes minutes; output must not lag), each
     * one line with its control characters escaped (a message may quote a spec value or AWS).
     */
    static Progress to(PrintWriter out) {
        return message -> {
            out.println(TerminalText.escape(message));
            out.flush();
        };
    }

    static Progress silent() {
        return message -> {};
    }
}
