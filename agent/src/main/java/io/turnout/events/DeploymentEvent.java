package io.turnout.events;

import io.turnout.apply.ApplyResult;
import io.turnout.cloud.CallStats;
import io.turnout.plan.Plan;
import io.turnout.plan.Step;
import io.turnout.status.CommitOutcome;
import io.turnout.status.Problem;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One thing that happened in one environment, published once on {@link DeploymentEvents} by the
 * reconcile core or by {@code turnout apply}: the ledger, the metrics and the notifiers
 * subscribe. Commit outcomes are {@link CommitDecided} (applied, failed, invalid, superseded,
 * planned), {@link DriftChecked} (drift found or cleared) and {@link RecoveryFinished} (an
 * interrupted deployment finished or rolled back); every step of a deployment is a
 * {@link StepStarted} followed by a {@link StepFinished} or a {@link StepFailed}, and every service's
 * track ends with a {@link ServiceFinished}.
 *
 * <p>Events are immutable values. New kinds are added here (and to {@code permits}); subscribers
 * that must handle every kind switch over them exhaustively, others ignore what they do not need.
 */
public sealed interface DeploymentEvent {
    /** The environment it happened in. */
    String environment();

    /** When it happened (the wall clock of whoever published it). */
    Instant at();

    // ---- polls ----

    /** A poll of the environment's spec repository begins. */
    record PollStarted(String environment, Instant at) implements DeploymentEvent {}

    /** The poll reached the repository: {@code head} is the branch head now. */
    record HeadPolled(String environment, Instant at, String head) implements DeploymentEvent {}

    /**
     * The poll failed and the head was left undecided (Git unreachable, the cloud throttling, a bug);
     * counted by the metrics. What people see is the environment's problem ({@link ProblemStarted}).
     *
     * @param problem        what went wrong and what happens next, for people
     * @param transientError whether the next poll may succeed without a person (retried)
     * @param throttled      whether AWS throttled the reads or writes
     */
    record PollFailed(String environment, Instant at, String problem, boolean transientError, boolean throttled)
            implements DeploymentEvent {}

    /**
     * A poll ended with a problem the environment did not have before (or of another kind): shown
     * until a poll ends without it ({@link ProblemCleared}). Published once, at the end of the poll.
     *
     * @param cause the exception behind it when it is not one Turnout expects (a bug): its stack trace
     *              is worth logging, once
     */
    record ProblemStarted(String environment, Instant at, Problem problem, Optional<Throwable> cause) implements DeploymentEvent {}

    /** A poll ended with the same problem again ({@code problem} has its newest words and next retry). */
    record ProblemPersists(String environment, Instant at, Problem problem) implements DeploymentEvent {}

    /** A poll ended without the problem the environment had (or with one of another kind, started next). */
    record ProblemCleared(String environment, Instant at, Problem problem) implements DeploymentEvent {}

    // ---- what the agent learned ----

    /** The environment's spec says this sync policy ({@code auto-apply} or {@code plan-only}). */
    record SyncPolicySeen(String environment, Instant at, String policy) implements DeploymentEvent {}

    /** What {@code turnout/<env>/live} points at, read from the remote; empty when nothing was ever deployed. */
    record LiveCommitSeen(String environment, Instant at, Optional<String> commit) implements DeploymentEvent {}

    /**
     * The services' live colours, as last read.
     *
     * @param greenNotRead services whose GREEN slot was not read this time (BLUE's tags vouched for the
     *                     desired spec): their GREEN is as last read, not gone
     */
    record ServicesRead(String environment, Instant at, List<ServiceStatus> services, Set<String> greenNotRead)
            implements DeploymentEvent {
        public ServicesRead {
            services = List.copyOf(services);
            greenNotRead = Set.copyOf(greenNotRead);
        }

        /** Every slot was read. */
        public ServicesRead(String environment, Instant at, List<ServiceStatus> services) {
            this(environment, at, services, Set.of());
        }
    }

    /** AWS calls made for the environment so far (live counters, by operation). */
    record CloudCallsCounted(String environment, Instant at, CallStats calls) implements DeploymentEvent {}

    // ---- plans ----

    /**
     * A plan the agent acts on: the plan of a new commit (carried out, kept for review, or refused
     * for its problems) or the plan that heals drift. The plans of routine drift checks are not
     * published as such (see {@link DriftChecked}).
     */
    record PlanMade(String environment, Instant at, Optional<String> commit, Plan plan) implements DeploymentEvent {}

    /** The plan now waiting for a person or restoring drift; empty: none. */
    record PendingPlanChanged(String environment, Instant at, Optional<Plan> plan) implements DeploymentEvent {}

    /**
     * Live state compared with what is applied: {@code drift} has one line per service that changed
     * outside Git, empty when live matches {@code commit} (also right after a deployment).
     */
    record DriftChecked(String environment, Instant at, String commit, List<String> drift) implements DeploymentEvent {
        public DriftChecked {
            drift = List.copyOf(drift);
        }

        public boolean drifted() {
            return !drift.isEmpty();
        }
    }

    // ---- deployments ----

    /** A deployment of {@code plan} begins (its first step is next). */
    record DeploymentStarted(String environment, Instant at, Optional<String> commit, Plan plan) implements DeploymentEvent {}

    /** Step {@code index} (0-based over the plan) of {@code service} is about to run. */
    record StepStarted(String environment, Instant at, Optional<String> commit, int index, String service, Step step)
            implements DeploymentEvent {}

    /** Step {@code index} of {@code service} ran and its end is journaled. */
    record StepFinished(String environment, Instant at, Optional<String> commit, int index, String service, Step step)
            implements DeploymentEvent {}

    /** Step {@code index} of {@code service} failed; the service is rolled back next (unless the environment says not to). */
    record StepFailed(String environment, Instant at, Optional<String> commit, int index, String service, Step step,
                      String reason) implements DeploymentEvent {}

    /**
     * One service's track of a deployment ended: applied, rolled back, failed or skipped (each
     * service of a plan deploys on its own; the others carry on).
     */
    record ServiceFinished(String environment, Instant at, Optional<String> commit, ServiceOutcome outcome)
            implements DeploymentEvent {}

    /**
     * The deployment ended: {@code result} says how (applied, rolled back, refused …); empty when
     * the executor itself broke (the exception went to the caller).
     *
     * @param took from the start of the decision (validation and planning included) to the end
     */
    record DeploymentFinished(String environment, Instant at, Optional<String> commit, Optional<ApplyResult> result,
                              Duration took) implements DeploymentEvent {
        public boolean succeeded() {
            return result.map(ApplyResult::succeeded).orElse(false);
        }

        /** Ended with a service waiting at its approval gate: the deployment goes on once a person decides. */
        public boolean paused() {
            return result.map(r -> r.status() == ApplyResult.Status.PAUSED).orElse(false);
        }
    }

    /**
     * AWS's own engine (strategy ecs or codeDeploy) moved the deployment of {@code service} on: its
     * lifecycle stage and traffic weights now ("TEST_TRAFFIC_SHIFT, production 100% on web:3, test
     * 100% on web:4"), for the status page.
     */
    record EngineStageChanged(String environment, Instant at, Optional<String> commit, String service, String stage)
            implements DeploymentEvent {}

    /** A deployment an earlier process left unfinished in the journal is being resumed or rolled back. */
    record RecoveryStarted(String environment, Instant at) implements DeploymentEvent {}

    /** The interrupted deployment was finished, rolled back or left failed; empty when the executor itself broke. */
    record RecoveryFinished(String environment, Instant at, Optional<ApplyResult> result) implements DeploymentEvent {
        public boolean succeeded() {
            return result.map(ApplyResult::succeeded).orElse(false);
        }

        /** Still waiting at an approval gate. */
        public boolean paused() {
            return result.map(r -> r.status() == ApplyResult.Status.PAUSED).orElse(false);
        }

        /** "an interrupted deployment from an earlier run was rolled back: …", for people. */
        public String describe() {
            if (result.isEmpty()) return "an interrupted deployment from an earlier run could not be resumed: the executor failed";
            ApplyResult r = result.get();
            String how = r.succeeded() ? "finished" : r.status() == ApplyResult.Status.ROLLED_BACK ? "rolled back"
                    : r.status() == ApplyResult.Status.PAUSED ? "resumed and waits for approval" : "left failed";
            return "an interrupted deployment from an earlier run was " + how + ": " + String.join("; ", r.messages());
        }
    }

    // ---- approvals ----

    /**
     * A service's deployment waits at its approval gate (the new version verified, production
     * untouched); published by every run that finds it still waiting, so a subscriber that must act
     * once (a notifier) keeps what it saw.
     */
    record ApprovalRequested(String environment, Instant at, Optional<String> commit, String service, String ecsServiceName,
                             Instant since, Instant deadline) implements DeploymentEvent {}

    /** The approval gate of {@code service} was decided: "approved by alice", "rejected by bob", "not approved within 24h …". */
    record ApprovalDecided(String environment, Instant at, Optional<String> commit, String service, String decision)
            implements DeploymentEvent {}

    /** The commit the environment is now busy with, with its subject and author (for people and notifications). */
    record CommitIdentified(String environment, Instant at, String commit, String subject, String author)
            implements DeploymentEvent {}

    // ---- outcomes ----

    /** What happened to one commit: applied, failed, invalid, superseded or planned. */
    record CommitDecided(String environment, Instant at, CommitOutcome outcome) implements DeploymentEvent {}
}
