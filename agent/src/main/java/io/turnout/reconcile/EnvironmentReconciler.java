package io.turnout.reconcile;

import io.turnout.apply.ApplyResult;
import io.turnout.apply.Progress;
import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.error.TurnoutException;
import io.turnout.events.DeploymentEvent.CloudCallsCounted;
import io.turnout.events.DeploymentEvent.CommitDecided;
import io.turnout.events.DeploymentEvent.DriftChecked;
import io.turnout.events.DeploymentEvent.HeadPolled;
import io.turnout.events.DeploymentEvent.LiveCommitSeen;
import io.turnout.events.DeploymentEvent.PendingPlanChanged;
import io.turnout.events.DeploymentEvent.PlanMade;
import io.turnout.events.DeploymentEvent.PollFailed;
import io.turnout.events.DeploymentEvent.PollStarted;
import io.turnout.events.DeploymentEvent.ProblemNoted;
import io.turnout.events.DeploymentEvent.ServicesRead;
import io.turnout.events.DeploymentEvent.SyncPolicySeen;
import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentEvents;
import io.turnout.pipeline.Deployments;
import io.turnout.pipeline.PlanningStep;
import io.turnout.plan.Plan;
import io.turnout.source.CommittedState;
import io.turnout.source.GitSourceException;
import io.turnout.source.HistoryMove;
import io.turnout.source.PushReport;
import io.turnout.source.RewindPolicy;
import io.turnout.source.SpecSource;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import io.turnout.spec.SyncMode;
import io.turnout.state.DriftBaseline;
import io.turnout.state.StateStore;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.CommitOutcome;
import io.turnout.text.CommitIds;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
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
 * <p>Every step is commented in {@link #reconcile()}; in short: poll → (new head) validate →
 * read live → plan → apply per the sync policy → mark, or (no new head) drift check against the
 * last applied specs (the drift baseline in the state store, never parsed again).
 *
 * <p>What happens is published as {@link DeploymentEvent}s, each once, from here; the ledger, the
 * metrics and notifications subscribe. What this class must remember to decide (the outcomes
 * recorded, the drift baseline) it keeps in the {@link StateStore}.
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
    private final PlanningStep planning = new PlanningStep();
    private final Deployments deployments;
    private final Progress log;

    /** The head this agent last made a decision about (applied, failed, invalid, planned). */
    private Optional<String> lastHandled = Optional.empty();
    private boolean recoveryChecked;
    /** The interval of the environment's sync policy, for "retrying in …" messages. */
    private Duration interval = Duration.ofMinutes(1);

    public EnvironmentReconciler(String name, SpecSource repository, CloudAccess cloud, StateStore store, DeploymentEvents events,
                                 InstantSource wallClock) {
        this.name = Objects.requireNonNull(name, "name");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.store = Objects.requireNonNull(store, "store");
        this.events = Objects.requireNonNull(events, "events");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.deployments = new Deployments(cloud, store, events, wallClock);
        this.log = message -> LOG.info("{}: {}", name, message);
    }

    public String name() {
        return name;
    }

    public SpecSource repository() {
        return repository;
    }

    /** One reconcile: never throws for Git or cloud failures (they are published as failed polls); see the class comment. */
    public synchronized void reconcile() {
        cloud.beforeReconcile();
        publish(new PollStarted(name, now()));
        // 1. Poll the branch: one ls-remote; the fetch and the spec parse happen only when the head moved.
        SpecSource.Snapshot snapshot;
        try {
            snapshot = repository.poll();
        } catch (GitSourceException e) {
            gitFailure(e);
            return;
        }
        publish(new HeadPolled(name, now(), snapshot.head()));
        try {
            // 2. Push committed-state tags an earlier poll could not push (never blocks anything).
            retryPendingTags();
            // 3. Finish or roll back a deployment an earlier process left unfinished (once per start).
            recoverOnce(snapshot);
            if (!lastHandled.equals(Optional.of(snapshot.head()))) {
                // 4. A new head: validate, plan, apply per the sync policy.
                newHead(snapshot);
            } else {
                // 5. Nothing new: check for drift against the last applied specs (no parse).
                driftCheck(snapshot);
            }
        } catch (GitSourceException e) {
            gitFailure(e);
        } catch (CloudException e) {
            cloudFailure(snapshot.head(), e);
        } catch (RuntimeException e) {
            // Not a classified failure (a bug, a gateway that cannot be built): nothing was decided, so
            // the next poll starts over; the stack trace goes to the log for whoever looks into it.
            String what = e instanceof TurnoutException t ? t.describe() : "unexpected error: " + e;
            String text = TurnoutException.join(what, "Retrying at the next poll (in about " + human(interval) + ").");
            publish(new PollFailed(name, now(), text, true, false));
            LOG.error("{}: {}", name, text, e);
        }
    }

    private void newHead(SpecSource.Snapshot snapshot) throws GitSourceException {
        String head = snapshot.head();
        Instant started = now();
        // 4a. What is live: the remote's turnout/<env>/live tag is the truth across replicas and restarts.
        Optional<String> live = committed().fetchLiveCommit(name);
        publish(new LiveCommitSeen(name, now(), live));
        if (live.equals(Optional.of(head)) && snapshot.specs().isValid()) {
            // Applied already: by another replica, or by this agent before a restart. Nothing to deploy;
            // the head's specs become the drift baseline.
            LOG.info("{}: {} is already live (turnout/{}/live); checking for drift only", name, CommitIds.shorten(head), name);
            lastHandled = Optional.of(head);
            store.driftBaseline(name, new DriftBaseline(head, snapshot.specs().tree().orElseThrow()));
            driftCheck(snapshot);
            return;
        }
        // 4b. Commits between the last decided one and the head will never be applied on their own: superseded.
        supersede(lastHandled.or(() -> live), head);
        // 4c. Validate: invalid specs never reach the cloud.
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
        Optional<EnvironmentSpec> found = tree.environment(name);
        if (found.isEmpty()) {
            lastHandled = Optional.of(head);
            publish(new ProblemNoted(name, now(), "the specs at " + CommitIds.shorten(head) + " no longer define environment " + name
                    + ": nothing is deployed to it; its schedule is removed at the next schedule refresh"));
            return;
        }
        EnvironmentSpec environment = found.get();
        noteSyncPolicy(environment);
        // 4d. History: a forward move is applied; a rewind or rewritten history only when the environment allows it.
        HistoryMove move = repository.historyMove(live, head);
        RewindPolicy.Decision decision = RewindPolicy.decide(move, environment);
        // 4e. Read live state and plan.
        PlanningStep.Planned planned = plan(environment, tree, Optional.of(head));
        Plan plan = planned.plan();
        publish(new ServicesRead(name, now(), PlanFacts.services(plan, planned.live())));
        publish(new PlanMade(name, now(), Optional.of(head), plan));
        if (plan.hasProblems()) {
            finish(head, Outcome.FAILED, "the plan has problems, nothing was applied: " + PlanFacts.summary(plan)
                    + ". Fix the infrastructure or the specs; the next commit is planned again", started);
            publish(new PendingPlanChanged(name, now(), Optional.of(plan)));
            return;
        }
        // 4f. The sync policy decides: plan only (kept for review), or apply.
        if (environment.sync().mode() == SyncMode.PLAN_ONLY || !decision.apply()) {
            String why = environment.sync().mode() == SyncMode.PLAN_ONLY ? "plan-only environment" : decision.reason();
            publish(new PendingPlanChanged(name, now(), Optional.of(plan)));
            finish(head, Outcome.PLANNED, why + ": " + PlanFacts.summary(plan), started);
            return;
        }
        deploy(environment, tree, head, planned, started, "");
    }

    /** Carries out the plan for {@code commit}; on success marks it live and pushes the tags. */
    private void deploy(EnvironmentSpec environment, SpecTree tree, String commit, PlanningStep.Planned planned, Instant started,
                        String prefix) {
        Plan plan = planned.plan();
        ApplyResult result;
        try {
            result = deployments.apply(environment, plan, planned.live(), log, started);
        } finally {
            publishCalls(cloud.gatewayFor(environment));
            cloud.afterDeployment();
        }
        if (!result.succeeded()) {
            publish(new PendingPlanChanged(name, now(), Optional.of(plan)));
            refreshServices(environment, tree, commit);
            finish(commit, Outcome.FAILED, prefix + "apply " + result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ": " + String.join("; ", result.messages()), started);
            return;
        }
        String summary = PlanFacts.summary(plan);
        // 4g. Committed state: turnout/<env>/live moves to the commit; the push is retried at every poll until it goes.
        if (!store.driftBaseline(name).map(DriftBaseline::commit).equals(Optional.of(commit))) {
            try {
                committed().mark(name, commit, summary);
                pushTags();
            } catch (GitSourceException e) {
                publish(new ProblemNoted(name, now(), "deployed, but the committed-state tags could not be written: " + e.getMessage()));
            }
        }
        store.driftBaseline(name, new DriftBaseline(commit, tree));
        publish(new LiveCommitSeen(name, now(), Optional.of(commit)));
        publish(new PendingPlanChanged(name, now(), Optional.empty()));
        publish(new DriftChecked(name, now(), commit, List.of()));
        // the status shows the new colours before it shows the outcome
        refreshServices(environment, tree, commit);
        finish(commit, Outcome.APPLIED, prefix + summary, started);
    }

    /** Reads the environment again after a deployment, so that the status shows the new colours. */
    private void refreshServices(EnvironmentSpec environment, SpecTree tree, String commit) {
        try {
            PlanningStep.Planned after = plan(environment, tree, Optional.of(commit));
            publish(new ServicesRead(name, now(), PlanFacts.services(after.plan(), after.live())));
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
        if (applied.isEmpty()) noteSyncPolicy(environment);
        SpecTree tree = baseline.get();
        String commit = applied.map(DriftBaseline::commit).orElse(snapshot.head());
        PlanningStep.Planned planned = plan(environment, tree, Optional.of(commit));
        Plan plan = planned.plan();
        publish(new ServicesRead(name, now(), PlanFacts.services(plan, planned.live())));
        if (applied.isEmpty()) {
            if (!plan.inSync()) publish(new PendingPlanChanged(name, now(), Optional.of(plan)));
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

    /** The one planning step, with the AWS calls it made published for the metrics. */
    private PlanningStep.Planned plan(EnvironmentSpec environment, SpecTree tree, Optional<String> commit) {
        CloudGateway gateway = cloud.gatewayFor(environment);
        try {
            return planning.plan(gateway, environment, tree, commit);
        } finally {
            publishCalls(gateway);
        }
    }

    private void supersede(Optional<String> since, String head) throws GitSourceException {
        for (SpecSource.CommitInfo c : repository.commitsBetween(since, head)) {
            if (store.decided(name, c.id())) continue;
            decide(new CommitOutcome(c.id(), c.subject(), Outcome.SUPERSEDED, "superseded by " + CommitIds.shorten(head),
                    now(), Duration.ZERO));
        }
    }

    private void finish(String commit, Outcome outcome, String detail, Instant started) {
        lastHandled = Optional.of(commit);
        decide(new CommitOutcome(commit, repository.subject(commit), outcome, detail, now(), Duration.between(started, now())));
        if (outcome == Outcome.APPLIED || outcome == Outcome.PLANNED) {
            LOG.info("{}: {} {}: {}", name, CommitIds.shorten(commit), outcome, detail);
        } else {
            LOG.warn("{}: {} {}: {}", name, CommitIds.shorten(commit), outcome, detail);
        }
    }

    /** The one place a commit's outcome is recorded (the state store's history) and published. */
    private void decide(CommitOutcome outcome) {
        store.recordOutcome(name, outcome);
        publish(new CommitDecided(name, outcome.at(), outcome));
    }

    private void recoverOnce(SpecSource.Snapshot snapshot) {
        if (recoveryChecked) return;
        Optional<EnvironmentSpec> environment = snapshot.specs().tree().flatMap(t -> t.environment(name));
        if (environment.isEmpty()) return; // without a valid environment spec the journal cannot be replayed yet
        recoveryChecked = true;
        deployments.recover(environment.get(), log).ifPresent(r -> {
            cloud.afterDeployment();
            String text = recoveryText(r);
            if (r.succeeded()) LOG.info("{}: {}", name, text);
            else LOG.warn("{}: {}", name, text);
        });
    }

    private static String recoveryText(ApplyResult r) {
        return new DeploymentEvent.RecoveryFinished("", Instant.EPOCH, Optional.of(r)).describe();
    }

    private void retryPendingTags() throws GitSourceException {
        if (committed().pending().isEmpty()) return;
        // another replica may have deployed (and pushed) a newer commit since our push failed
        committed().adoptNewerRemoteLive(name);
        pushTags();
    }

    private void pushTags() {
        PushReport report = committed().pushPending();
        report.failure().ifPresent(f -> {
            LOG.warn("{}: {}", name, f);
            publish(new ProblemNoted(name, now(), f + " Retried at the next poll (in about " + human(interval) + ")."));
        });
    }

    private CommittedState committed() {
        return repository.committedState();
    }

    private void noteSyncPolicy(EnvironmentSpec environment) {
        publish(new SyncPolicySeen(name, now(), environment.sync().mode().specValue()));
        interval = environment.sync().interval();
    }

    private void gitFailure(GitSourceException e) {
        String next = e.reason().isTransient() ? " Retrying at the next poll (in about " + human(interval) + ")."
                : " This needs a person; the agent keeps polling and picks up the fix.";
        publish(new PollFailed(name, now(), e.getMessage() + next, e.reason().isTransient(), false));
        LOG.warn("{}: {}{}", name, e.getMessage(), next);
    }

    private void cloudFailure(String head, CloudException e) {
        boolean throttled = e.kind() == CloudException.Kind.THROTTLED;
        if (e.retryable()) {
            // Transient (throttling, 5xx, conflict): the head stays undecided and the next poll starts over.
            // AWS's own next step ("retry later") is what the agent does anyway: it says when instead
            String text = TurnoutException.join(e.getMessage(), "Transient: retrying at the next poll (in about " + human(interval) + ").");
            publish(new PollFailed(name, now(), text, true, throttled));
            LOG.warn("{}: {}", name, text);
            return;
        }
        // Terminal (access denied, not found, invalid request): report it against the head, do not retry it.
        String text = TurnoutException.join(e.describe(), "This needs a person (permissions, infrastructure or specs); the next commit is tried again.");
        publish(new PollFailed(name, now(), text, false, throttled));
        if (!lastHandled.equals(Optional.of(head))) finish(head, Outcome.FAILED, text, now());
        else LOG.warn("{}: {}", name, text);
    }

    private void publishCalls(CloudGateway gateway) {
        publish(new CloudCallsCounted(name, now(), gateway.stats()));
    }

    private void publish(DeploymentEvent event) {
        events.publish(event);
    }

    private Instant now() {
        return wallClock.instant();
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
