package io.turnout.reconcile;

import io.turnout.apply.ApplyResult;
import io.turnout.apply.ApplyResult.Status;
import io.turnout.apply.Progress;
import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.CloudException;
import io.turnout.apply.JournalApprovals;
import io.turnout.events.DeploymentEvent.CommitDecided;
import io.turnout.events.DeploymentEvent.CommitIdentified;
import io.turnout.events.DeploymentEvent.DriftChecked;
import io.turnout.events.DeploymentEvent.HeadPolled;
import io.turnout.events.DeploymentEvent.LiveCommitSeen;
import io.turnout.events.DeploymentEvent.PendingPlanChanged;
import io.turnout.events.DeploymentEvent.PlanMade;
import io.turnout.events.DeploymentEvent.PollStarted;
import io.turnout.events.DeploymentEvent.SyncPolicySeen;
import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentEvents;
import io.turnout.pipeline.Deployments;
import io.turnout.pipeline.PlanningStep;
import io.turnout.plan.Plan;
import io.turnout.source.GitSourceException;
import io.turnout.source.HistoryMove;
import io.turnout.source.RewindPolicy;
import io.turnout.source.SpecSource;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import io.turnout.spec.SyncMode;
import io.turnout.state.DriftBaseline;
import io.turnout.state.EnvironmentBusyException;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.LeaseHolder;
import io.turnout.state.LeaseLostException;
import io.turnout.state.StateStore;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.CommitOutcome;
import io.turnout.status.ServiceOutcome;
import io.turnout.text.CommitIds;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one environment of one spec repository. Idempotent: running it twice in a row with
 * nothing new changes nothing. Not re-entrant: the scheduler runs one reconcile of an
 * environment at a time (also across replicas), and this class is synchronized as well.
 *
 * <p>Every step is commented in {@link #reconcile()} and the poll it runs; in short: poll → (new head) validate →
 * read live → plan → apply per the sync policy → mark, or (no new head) drift check against the
 * last applied specs (the drift baseline in the state store, never parsed again).
 *
 * <p>What happens is published as {@link DeploymentEvent}s, each once, from here; the ledger, the
 * metrics, the log and notifications subscribe. What this class must remember to decide (the
 * outcomes recorded, the drift baseline, the environment's problem) it keeps in the {@link StateStore}.
 * Whatever a poll meets that is not a decision about a commit (Git unreachable, AWS throttling or
 * refusing, tags not pushed, a bug) is the environment's problem until a poll ends without it
 * ({@link ProblemTracker}).
 */
public final class EnvironmentReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);
    private static final int SHOWN_PROBLEMS = 3;

    private final String name;
    private final SpecSource repository;
    private final CloudAccess cloud;
    private final StateStore store;
    private final DeploymentEvents events;
    private final InstantSource wallClock;
    private final Deployments deployments;
    private final Progress log;
    private final ProblemTracker problems;
    private final PollFailures failures;
    private final LiveTags tags;
    private final LiveReads reads;

    /** A deployment waits at an approval gate (journaled): every poll asks again, and nothing new is deployed meanwhile. */
    private boolean waitingForApproval;
    /** The interval of the environment's sync policy, for "retrying in …" messages. */
    private Duration interval = Duration.ofMinutes(1);
    /** The sync policy last published; empty until the environment's spec was read by this process. */
    private Optional<String> policy = Optional.empty();

    public EnvironmentReconciler(String name, SpecSource repository, CloudAccess cloud, StateStore store, DeploymentEvents events,
                                 InstantSource wallClock) {
        this(name, repository, cloud, store, events, wallClock, new PlanningStep());
    }

    /** With {@code planning} in place of the usual one (tests: a planner that fails). */
    public EnvironmentReconciler(String name, SpecSource repository, CloudAccess cloud, StateStore store, DeploymentEvents events,
                                 InstantSource wallClock, PlanningStep planning) {
        this.name = Objects.requireNonNull(name, "name");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.store = Objects.requireNonNull(store, "store");
        this.events = Objects.requireNonNull(events, "events");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.reads = new LiveReads(name, cloud, Objects.requireNonNull(planning, "planning"), events, wallClock);
        this.deployments = new Deployments(cloud, store, events, wallClock);
        this.log = message -> LOG.info("{}: {}", name, message);
        this.problems = new ProblemTracker(name, store, events);
        this.failures = new PollFailures(name, events, problems, wallClock);
        this.tags = new LiveTags(name, repository.committedState(), problems);
    }

    public String name() {
        return name;
    }

    public SpecSource repository() {
        return repository;
    }

    /**
     * One reconcile: never throws for Git or cloud failures, nor for bugs below it (they become the
     * environment's problem, and failed polls for the metrics); see the class comment.
     */
    public synchronized Optional<LeaseHolder> reconcile() {
        EnvironmentLease lease;
        try {
            lease = store.lease(name);
        } catch (EnvironmentBusyException busy) {
            LOG.info("{}: not polled now: {}", name, busy.describe());
            return Optional.of(busy.holder());
        }
        try (lease) {
            reconcileHolding();
        } catch (LeaseLostException lost) {
            // Another process took the environment over while this one was silent (paused, cut off from the database):
            // it carries on from the journal, and this one must change nothing more.
            LOG.warn("{}: {}", name, lost.describe());
        }
        return Optional.empty();
    }

    private void reconcileHolding() {
        cloud.beforeReconcile();
        problems.beginPoll();
        publish(new PollStarted(name, now()));
        try {
            poll();
        } finally {
            // 6. The environment's problem: started, still there, or cleared by this poll.
            problems.endPoll(now(), interval);
        }
    }

    private void poll() {
        // 1. Poll the branch: one ls-remote; the fetch and the spec parse happen only when the head moved.
        SpecSource.Snapshot snapshot;
        try {
            snapshot = repository.poll();
        } catch (GitSourceException e) {
            failures.git(e, interval);
            return;
        } catch (LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            failures.unexpected(e, interval);
            return;
        }
        publish(new HeadPolled(name, now(), snapshot.head()));
        try {
            // 2. The sync policy of the head's spec: shown from the first poll, also when the head is live already.
            Optional<SpecTree> headSpecs = snapshot.specs().tree();
            headSpecs.flatMap(t -> t.environment(name)).ifPresent(this::noteSyncPolicy);
            if (headSpecs.isPresent() && headSpecs.get().environment(name).isEmpty()) {
                problems.note("environment", "the specs at " + CommitIds.shorten(snapshot.head()) + " no longer define environment "
                        + name + ": nothing is deployed to it; it is no longer followed after the next discovery", true, Optional.empty());
                handled(snapshot.head());
                return;
            }
            // 3. Push committed-state tags an earlier poll could not push (never blocks anything).
            tags.retryPending(interval);
            // 4. Finish or roll back a deployment an earlier process left unfinished (once per start), or
            //    one paused at an approval gate (every poll until decided: newer commits wait for it).
            if (finishUnfinished(snapshot)) return;
            if (!lastHandled().equals(Optional.of(snapshot.head())) || approvedPlan(snapshot.head()).isPresent()) {
                // 5. A new head: validate, plan, apply per the sync policy.
                newHead(snapshot);
            } else {
                // 5'. Nothing new: check for drift against the last applied specs (no parse).
                driftCheck(snapshot);
            }
        } catch (GitSourceException e) {
            failures.git(e, interval);
        } catch (CloudException e) {
            String text = failures.cloud(e, interval);
            // a terminal failure is the head's outcome (once); a transient one leaves the head undecided
            if (!e.retryable() && !lastHandled().equals(Optional.of(snapshot.head()))) finish(snapshot.head(), Outcome.FAILED, text, now());
        } catch (LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            failures.unexpected(e, interval);
        }
    }

    private void newHead(SpecSource.Snapshot snapshot) throws GitSourceException {
        String head = snapshot.head();
        Instant started = now();
        // 5a. What is live: the remote's turnout/<env>/live tag is the truth across replicas and restarts.
        Optional<String> live = tags.fetchLive();
        publish(new LiveCommitSeen(name, now(), live));
        if (live.equals(Optional.of(head)) && snapshot.specs().isValid()) {
            // Applied already: by another replica, or by this agent before a restart. Nothing to deploy;
            // the head's specs become the drift baseline.
            LOG.info("{}: {} is already live (turnout/{}/live); checking for drift only", name, CommitIds.shorten(head), name);
            SpecTree tree = snapshot.specs().tree().orElseThrow();
            handled(head);
            tree.environment(name).ifPresent(env -> store.driftBaseline(name, DriftBaseline.of(head, tree, env)));
            driftCheck(snapshot);
            return;
        }
        // 5b. Commits between the last decided one and the head will never be applied on their own: superseded.
        supersede(lastHandled().or(() -> live), head);
        // 5c. Validate: invalid specs never reach the cloud.
        if (!snapshot.specs().isValid()) {
            List<SpecProblem> problems = snapshot.specs().problems();
            String detail = problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                    + problems.stream().limit(SHOWN_PROBLEMS).map(SpecProblem::describe).collect(Collectors.joining("; "))
                    + (problems.size() > SHOWN_PROBLEMS ? "; …" : "");
            detail += (detail.endsWith(".") || detail.endsWith("?") ? " " : ". ") + "Nothing was applied; fix the specs and push a new commit";
            finish(head, Outcome.INVALID, detail, started);
            return;
        }
        SpecTree tree = snapshot.specs().tree().orElseThrow();
        EnvironmentSpec environment = tree.environment(name).orElseThrow(); // checked by the poll
        publish(new CommitIdentified(name, now(), head, repository.subject(head), repository.author(head)));
        // 5d. History: a forward move is applied; a rewind or rewritten history only when the environment allows it.
        HistoryMove move = repository.historyMove(live, head);
        RewindPolicy.Decision decision = RewindPolicy.decide(move, environment);
        // 5e. Read live state and plan.
        PlanningStep.Planned planned = reads.planAndShow(environment, tree, Optional.of(head));
        Plan plan = planned.plan();
        publish(new PlanMade(name, now(), Optional.of(head), plan));
        if (plan.hasProblems()) {
            // not pending: nothing will carry this plan out; the head's outcome says why
            publish(new PendingPlanChanged(name, now(), Optional.empty()));
            finish(head, Outcome.FAILED, "the plan has problems, nothing was applied: " + PlanFacts.summary(plan)
                    + ". Fix the infrastructure or the specs; the next commit is planned again", started);
            return;
        }
        // 5f. The sync policy decides: plan only (kept for review, deployed once a person approves it), or apply.
        boolean planOnly = environment.sync().mode() == SyncMode.PLAN_ONLY;
        Optional<JournalApprovals.Entry> approval = planOnly ? approvedPlan(head) : Optional.empty();
        if (planOnly && approval.isEmpty() || !decision.apply()) {
            String why = planOnly ? "plan-only environment" : decision.reason();
            publish(new PendingPlanChanged(name, now(), Optional.of(plan)));
            if (!lastHandled().equals(Optional.of(head))) {
                finish(head, Outcome.PLANNED, why + ": " + PlanFacts.summary(plan)
                        + (planOnly ? " (approve it with turnout approve, the API or the status page)" : ""), started);
            }
            return;
        }
        String prefix = "";
        if (approval.isPresent()) {
            // used up now, so that a deployment refused before it begins is not retried at every poll
            store.journal(name).append(JournalApprovals.used(head));
            prefix = "approved by " + approval.get().by() + " at " + approval.get().at() + ": ";
            LOG.info("{}: the plan of {} was {}deploying it", name, CommitIds.shorten(head), prefix);
        }
        deploy(environment, tree, head, planned, started, prefix);
    }

    /**
     * Carries out the plan for {@code commit}; on success marks it live and pushes the tags. A plan
     * in sync deploys nothing: the commit is live as it is, so only the live tag moves (no
     * deployment is added to the tag history).
     */
    private void deploy(EnvironmentSpec environment, SpecTree tree, String commit, PlanningStep.Planned planned, Instant started,
                        String prefix) {
        Plan plan = planned.plan();
        ApplyResult result = plan.inSync() ? new ApplyResult(Status.SUCCEEDED, List.of()) : carryOut(environment, plan, planned, started);
        if (result.status() == Status.PAUSED) {
            // the journal keeps the deployment; every poll asks again until a person decides (finishUnfinished)
            waitingForApproval = true;
            publish(new PendingPlanChanged(name, now(), Optional.of(plan)));
            refreshServices(environment, tree, commit);
            LOG.info("{}: {} waits for approval: {}", name, CommitIds.shorten(commit), String.join("; ", result.messages()));
            return;
        }
        prefix += approvals(result);
        if (!result.succeeded()) {
            keepWhatWasApplied(tree, result);
            // not pending: it was tried and rolled back; the head's outcome says what happened
            publish(new PendingPlanChanged(name, now(), Optional.empty()));
            refreshServices(environment, tree, commit);
            finish(commit, Outcome.FAILED, prefix + PlanFacts.outcome(result), started, result.services());
            return;
        }
        String summary = PlanFacts.summary(plan);
        // 5g. Committed state: turnout/<env>/live moves to the commit; the push is retried at every poll until it goes.
        if (!store.driftBaseline(name).map(DriftBaseline::commit).equals(Optional.of(commit))) {
            tags.markLive(commit, plan, summary, interval);
        }
        store.driftBaseline(name, DriftBaseline.of(commit, tree, environment));
        publish(new LiveCommitSeen(name, now(), Optional.of(commit)));
        publish(new PendingPlanChanged(name, now(), Optional.empty()));
        publish(new DriftChecked(name, now(), commit, List.of()));
        // the status shows the new colours before it shows the outcome
        if (!plan.inSync()) refreshServices(environment, tree, commit);
        finish(commit, Outcome.APPLIED, prefix + summary, started, result.services());
    }

    private ApplyResult carryOut(EnvironmentSpec environment, Plan plan, PlanningStep.Planned planned, Instant started) {
        try {
            return deployments.apply(environment, plan, planned.live(), log, started);
        } finally {
            reads.callsCounted(cloud.gatewayFor(environment));
            cloud.afterDeployment();
        }
    }

    /**
     * After a deployment that applied some services and not others: services deploy on their own, so
     * those applied stay applied, and drift is checked against them ({@link PlanFacts#partlyApplied}).
     */
    private void keepWhatWasApplied(SpecTree applied, ApplyResult result) {
        store.driftBaseline(name).map(b -> PlanFacts.partlyApplied(b, applied, result)).ifPresent(b -> store.driftBaseline(name, b));
    }

    /** Reads the environment again after a deployment, so that the status shows the new colours (and GREEN). */
    private void refreshServices(EnvironmentSpec environment, SpecTree tree, String commit) {
        try {
            reads.refresh(environment, tree, commit);
        } catch (CloudException e) {
            LOG.warn("{}: cannot read the live state after the deployment ({}); the status shows it after the next poll", name, e.getMessage());
        }
    }

    private void driftCheck(SpecSource.Snapshot snapshot) {
        // The baseline is the last applied tree, kept in the state store; before anything was applied
        // (a plan-only environment), the head's specs, in memory: the pending plan stays fresh.
        Optional<DriftBaseline> applied = store.driftBaseline(name);
        Optional<SpecTree> baseline = applied.map(DriftBaseline::specs).or(() -> snapshot.specs().tree());
        if (baseline.isEmpty()) return;
        Optional<EnvironmentSpec> found = baseline.get().environment(name);
        if (found.isEmpty()) return;
        EnvironmentSpec environment = found.get();
        SpecTree tree = baseline.get();
        String commit = applied.map(DriftBaseline::commit).orElse(snapshot.head());
        PlanningStep.Planned planned = reads.planAndShow(environment, tree, Optional.of(commit));
        Plan plan = planned.plan();
        if (applied.isEmpty()) {
            // nothing applied yet: the head's plan is pending only while it waits for a person (planned),
            // not when it failed (nothing will carry it out)
            if (!plan.inSync() && headWaitsForAPerson(snapshot.head())) publish(new PendingPlanChanged(name, now(), Optional.of(plan)));
            return;
        }
        if (plan.inSync()) {
            publish(new DriftChecked(name, now(), commit, List.of()));
            publish(new PendingPlanChanged(name, now(), Optional.empty()));
            return;
        }
        List<String> drift = PlanFacts.driftLines(plan);
        publish(new DriftChecked(name, now(), commit, drift));
        publish(new PendingPlanChanged(name, now(), Optional.of(plan)));
        if (!environment.sync().selfHeal() || plan.hasProblems()) {
            LOG.warn("{}: live state drifted from {} ({}); selfHeal is off, so it is reported only", name,
                    CommitIds.shorten(commit), String.join("; ", drift));
            return;
        }
        LOG.warn("{}: live state drifted from {} ({}); selfHeal is on: re-applying", name, CommitIds.shorten(commit),
                String.join("; ", drift));
        publish(new PlanMade(name, now(), Optional.of(commit), plan));
        deploy(environment, tree, commit, planned, now(), "self-heal: ");
    }

    /** Whether {@code head} was decided as planned (plan-only, a refused rewind): its plan waits for a person. */
    private boolean headWaitsForAPerson(String head) {
        return store.recentOutcomes(name, 1).stream().anyMatch(o -> o.commit().equals(head) && o.outcome() == Outcome.PLANNED);
    }

    private void supersede(Optional<String> since, String head) throws GitSourceException {
        for (SpecSource.CommitInfo c : repository.commitsBetween(since, head)) {
            if (store.decided(name, c.id())) continue;
            decide(new CommitOutcome(c.id(), c.subject(), Outcome.SUPERSEDED, "superseded by " + CommitIds.shorten(head),
                    now(), Duration.ZERO));
        }
    }

    /** Decides {@code commit}; the event log writes its one line. */
    private void finish(String commit, Outcome outcome, String detail, Instant started) {
        finish(commit, outcome, detail, started, List.of());
    }

    private void finish(String commit, Outcome outcome, String detail, Instant started, List<ServiceOutcome> services) {
        handled(commit);
        decide(new CommitOutcome(commit, repository.subject(commit), outcome, detail, now(), Duration.between(started, now()),
                services));
    }

    /** The one place a commit's outcome is recorded (the state store's history) and published. */
    private void decide(CommitOutcome outcome) {
        store.recordOutcome(name, outcome);
        publish(new CommitDecided(name, outcome.at(), outcome));
    }

    /**
     * Resumes what the journal shows unfinished: after a restart, once; while a deployment waits at
     * an approval gate, at every poll. Returns true while it still waits (nothing else is deployed).
     * A deployment decided by a person gets its commit's outcome here: applied (marked live) with who
     * approved it, or failed with who rejected it (or that nobody did in time) and what was rolled back.
     */
    private boolean finishUnfinished(SpecSource.Snapshot snapshot) {
        // every poll: the journal is in the state store, shared by the replicas, and empty unless a deployment is unfinished
        Optional<EnvironmentSpec> environment = snapshot.specs().tree().flatMap(t -> t.environment(name));
        if (environment.isEmpty()) return false; // without a valid environment spec the journal cannot be replayed yet
        Instant started = now();
        Optional<String> commit = deployments.unfinishedCommit(environment.get());
        Optional<ApplyResult> recovered = deployments.recover(environment.get(), log);
        waitingForApproval = recovered.map(r -> r.status() == Status.PAUSED).orElse(false);
        if (recovered.isEmpty()) return false;
        ApplyResult r = recovered.get();
        cloud.afterDeployment();
        reads.readEverySlotNext();
        if (waitingForApproval) {
            LOG.info("{}: waiting for approval ({}); newer commits are not deployed until it is decided", name,
                    String.join("; ", r.messages()));
            return true;
        }
        String text = recoveryText(r);
        if (!r.approvals().isEmpty() && commit.isPresent()) {
            decided(environment.get(), snapshot, commit.get(), r, started);
        } else if (r.succeeded()) {
            LOG.info("{}: {}", name, text);
        } else {
            problems.note("recovery", text + ". Compare live state with the plan (turnout plan) and fix it by hand if needed.",
                    false, Optional.empty());
        }
        return false;
    }

    /** The head this agent (any replica, before or after a restart) last made a decision about. */
    private Optional<String> lastHandled() {
        return store.facts(name).handledHead();
    }

    private void handled(String head) {
        store.handledHead(name, head);
    }

    /** The outcome of a deployment that waited for approval, now that a person (or the timeout) decided. */
    private void decided(EnvironmentSpec environment, SpecSource.Snapshot snapshot, String commit, ApplyResult r, Instant started) {
        String approvals = String.join("; ", r.approvals());
        Optional<SpecTree> tree = snapshot.head().equals(commit) ? snapshot.specs().tree() : Optional.empty();
        publish(new PendingPlanChanged(name, now(), Optional.empty()));
        if (r.succeeded()) {
            tags.markDeployed(commit, approvals, interval);
            tree.ifPresent(t -> store.driftBaseline(name, DriftBaseline.of(commit, t, environment)));
            publish(new LiveCommitSeen(name, now(), Optional.of(commit)));
            publish(new DriftChecked(name, now(), commit, List.of()));
            tree.ifPresent(t -> refreshServices(environment, t, commit));
            finish(commit, Outcome.APPLIED, approvals + ": " + String.join("; ", r.messages()), started, r.services());
        } else {
            tree.ifPresent(t -> keepWhatWasApplied(t, r));
            tree.ifPresent(t -> refreshServices(environment, t, commit));
            finish(commit, Outcome.FAILED, approvals + "; " + PlanFacts.outcome(r), started, r.services());
        }
    }

    /** The approval of the pending plan of {@code commit} (a plan-only environment), if one was given and not yet used. */
    private Optional<JournalApprovals.Entry> approvedPlan(String commit) {
        return JournalApprovals.approvedPlan(store.journal(name).entries(), commit);
    }

    private static String approvals(ApplyResult result) {
        return result.approvals().isEmpty() ? "" : String.join("; ", result.approvals()) + ": ";
    }

    private static String recoveryText(ApplyResult r) {
        return new DeploymentEvent.RecoveryFinished("", Instant.EPOCH, Optional.of(r)).describe();
    }

    /** Publishes the environment's sync policy when this process has not yet, or it changed; takes its interval. */
    private void noteSyncPolicy(EnvironmentSpec environment) {
        interval = environment.sync().interval();
        String seen = environment.sync().mode().specValue();
        if (policy.equals(Optional.of(seen))) return;
        policy = Optional.of(seen);
        publish(new SyncPolicySeen(name, now(), seen));
    }

    private void publish(DeploymentEvent event) {
        events.publish(event);
    }

    private Instant now() {
        return wallClock.instant();
    }

}
