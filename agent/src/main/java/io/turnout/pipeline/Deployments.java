package io.turnout.pipeline;

import io.turnout.apply.ApplyResult;
import io.turnout.apply.ApprovalDesk;
import io.turnout.apply.PlanExecutor;
import io.turnout.apply.Progress;
import io.turnout.cloud.CloudAccess;
import io.turnout.events.DeploymentEvent.DeploymentFinished;
import io.turnout.events.DeploymentEvent.DeploymentStarted;
import io.turnout.events.DeploymentEvent.RecoveryFinished;
import io.turnout.events.DeploymentEvent.RecoveryStarted;
import io.turnout.events.DeploymentEvents;
import io.turnout.events.StepEvents;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Carries out plans through the {@link PlanExecutor} on a {@link CloudAccess}, with each
 * environment's journal from the {@link StateStore} (so that a deployment cut short is resumed
 * or rolled back by the next run, {@link #recover}; once a deployment has ended, the journal is
 * compacted), and publishes the deployment and step events. The caller holds the environment's
 * lease ({@link StateStore#lease}): the journal accepts no entry otherwise.
 * The one way deployments happen, for the agent and {@code turnout apply} alike.
 */
public final class Deployments {
    private final CloudAccess cloud;
    private final StateStore store;
    private final DeploymentEvents events;
    private final InstantSource wallClock;
    private final Optional<ApprovalDesk> approvals;

    /**
     * Approval gates are decided by what people journaled through the API (the agent).
     *
     * @param wallClock when events happen (the cloud's own clock may be a simulator's virtual one)
     */
    public Deployments(CloudAccess cloud, StateStore store, DeploymentEvents events, InstantSource wallClock) {
        this(cloud, store, events, wallClock, Optional.empty());
    }

    /** @param approvals who decides approval gates (e.g. the terminal of {@code turnout apply}); empty: the journal */
    public Deployments(CloudAccess cloud, StateStore store, DeploymentEvents events, InstantSource wallClock,
                       Optional<ApprovalDesk> approvals) {
        this.cloud = cloud;
        this.store = store;
        this.events = events;
        this.wallClock = wallClock;
        this.approvals = approvals;
    }

    private PlanExecutor executor(EnvironmentSpec environment, Optional<String> commit, Progress lines) {
        String name = environment.name();
        PlanExecutor.Builder builder = PlanExecutor.builder(cloud.gatewayFor(environment), environment);
        approvals.ifPresent(builder::approvals);
        return builder
                .journal(store.journal(name))
                .progress(new StepEvents(lines, events, name, commit, wallClock))
                .time(cloud.clock(), cloud.sleeper())
                .httpProbe(cloud.httpProbe())
                .build();
    }

    /** Bounded growth: once the journal holds no unfinished deployment, its entries are of no more use. */
    private void compactWhenFinished(PlanExecutor executor, String environment) {
        if (!executor.hasUnfinishedDeployment()) store.compactJournal(environment);
    }


    /** The commit of the deployment the journal shows unfinished (interrupted, or paused for approval), when it has one. */
    public Optional<String> unfinishedCommit(EnvironmentSpec environment) {
        return executor(environment, Optional.empty(), Progress.silent()).unfinishedCommit();
    }

    /**
     * Resumes or rolls back what an earlier process left unfinished in the journal (or what waits at an
     * approval gate: decided, it goes on; else the result is PAUSED again); empty when nothing was.
     */
    public Optional<ApplyResult> recover(EnvironmentSpec environment, Progress lines) {
        PlanExecutor executor = executor(environment, Optional.empty(), lines);
        if (!executor.hasUnfinishedDeployment()) return Optional.empty();
        String name = environment.name();
        events.publish(new RecoveryStarted(name, wallClock.instant()));
        Optional<ApplyResult> result = Optional.empty();
        try {
            result = executor.recover();
            compactWhenFinished(executor, name);
            return result;
        } finally {
            events.publish(new RecoveryFinished(name, wallClock.instant(), result));
        }
    }

    /**
     * Applies {@code plan}; {@code live} must have been read just before.
     *
     * @param started when the decision to deploy began (the deployment's duration counts from it)
     */
    public ApplyResult apply(EnvironmentSpec environment, Plan plan, LiveState live, Progress lines, Instant started) {
        String name = environment.name();
        Optional<String> commit = plan.commit();
        events.publish(new DeploymentStarted(name, wallClock.instant(), commit, plan));
        Optional<ApplyResult> result = Optional.empty();
        try {
            PlanExecutor executor = executor(environment, commit, lines);
            result = Optional.of(executor.apply(plan, live));
            compactWhenFinished(executor, name);
            return result.get();
        } finally {
            Instant now = wallClock.instant();
            events.publish(new DeploymentFinished(name, now, commit, result, Duration.between(started, now)));
        }
    }
}
