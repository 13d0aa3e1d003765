package io.turnout.reconcile;

import io.turnout.agent.CommitOutcome;
import io.turnout.agent.CommitOutcome.Outcome;
import io.turnout.apply.ApplyResult;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.source.GitSourceException;
import io.turnout.source.HistoryMove;
import io.turnout.source.RewindPolicy;
import io.turnout.source.mark.PushReport;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import io.turnout.spec.SyncMode;
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
 * <p>Every step is commented in {@link #reconcile()}; in short: poll → (new head) validate →
 * read live → plan → apply per the sync policy → mark, or (no new head) drift check against the
 * last applied specs, which are kept in memory and never parsed again.
 */
public final class EnvironmentReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);
    private static final int SHOWN_PROBLEMS = 3;

    private final String name;
    private final SpecRepository repository;
    private final CloudAccess cloud;
    private final Deployer deployer;
    private final EnvironmentLedger ledger;
    private final ReconcileMetrics metrics;
    private final InstantSource wallClock;
    private final Planner planner = new Planner();

    /** The head this agent last made a decision about (applied, failed, invalid, planned). */
    private Optional<String> lastHandled = Optional.empty();
    /** The commit and specs this agent knows to be live: the baseline of the drift check. */
    private Optional<Applied> lastApplied = Optional.empty();
    private boolean recoveryChecked;
    /** The interval of the environment's sync policy, for "retrying in …" messages. */
    private Duration interval = Duration.ofMinutes(1);

    private record Applied(String commit, SpecTree tree) {
    }

    public EnvironmentReconciler(String name, SpecRepository repository, CloudAccess cloud, java.nio.file.Path dataDir,
                                 ReconcileMetrics metrics, InstantSource wallClock) {
        this.name = Objects.requireNonNull(name, "name");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.deployer = new Deployer(cloud, dataDir);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.ledger = new EnvironmentLedger(name, repository.displayUrl(), repository.branch());
    }

    public String name() {
        return name;
    }

    public SpecRepository repository() {
        return repository;
    }

    public EnvironmentLedger ledger() {
        return ledger;
    }

    /** One reconcile: never throws for Git or cloud failures (they are reported in the ledger); see the class comment. */
    public synchronized void reconcile() {
        cloud.beforeReconcile();
        metrics.poll(name);
        // 1. Poll the branch: one ls-remote; the fetch and the spec parse happen only when the head moved.
        SpecRepository.Snapshot snapshot;
        try {
            snapshot = repository.poll();
        } catch (GitSourceException e) {
            gitFailure(e);
            return;
        }
        ledger.polled(snapshot.head(), wallClock.instant());
        ledger.problem(Optional.empty());
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
            metrics.pollFailure(name, true);
            String text = "unexpected error: " + e + ". Retrying at the next poll (in about " + human(interval) + ").";
            ledger.problem(Optional.of(text));
            LOG.error("{}: {}", name, text, e);
        }
    }

    private void newHead(SpecRepository.Snapshot snapshot) throws GitSourceException {
        String head = snapshot.head();
        Instant started = wallClock.instant();
        // 4a. What is live: the remote's turnout/<env>/live tag is the truth across replicas and restarts.
        Optional<String> live = repository.fetchLiveCommit(name);
        ledger.liveCommit(live);
        if (live.equals(Optional.of(head)) && snapshot.specs().isValid()) {
            // Applied already: by another replica, or by this agent before a restart. Nothing to deploy;
            // the head's specs become the drift baseline.
            LOG.info("{}: {} is already live (turnout/{}/live); checking for drift only", name, abbrev(head), name);
            lastHandled = Optional.of(head);
            lastApplied = Optional.of(new Applied(head, snapshot.specs().tree().orElseThrow()));
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
            ledger.problem(Optional.of("the specs at " + abbrev(head) + " no longer define environment " + name
                    + ": nothing is deployed to it; its schedule is removed at the next schedule refresh"));
            return;
        }
        EnvironmentSpec environment = found.get();
        noteSyncPolicy(environment);
        // 4d. History: a forward move is applied; a rewind or rewritten history only when the environment allows it.
        HistoryMove move = repository.historyMove(live, head);
        RewindPolicy.Decision decision = RewindPolicy.decide(move, environment);
        // 4e. Read live state and plan.
        LiveState state = readLive(environment, tree);
        Plan plan = planner.plan(environment, tree.servicesIn(environment), state, Optional.of(head));
        ledger.services(PlanFacts.services(plan, state));
        metrics.planSteps(name, plan.stepCount());
        if (plan.hasProblems()) {
            finish(head, Outcome.FAILED, "the plan has problems, nothing was applied: " + PlanFacts.summary(plan)
                    + ". Fix the infrastructure or the specs; the next commit is planned again", started);
            ledger.pendingPlan(Optional.of(plan));
            return;
        }
        // 4f. The sync policy decides: plan only (kept for review), or apply.
        if (environment.sync().mode() == SyncMode.PLAN_ONLY || !decision.apply()) {
            String why = environment.sync().mode() == SyncMode.PLAN_ONLY ? "plan-only environment" : decision.reason();
            ledger.pendingPlan(Optional.of(plan));
            finish(head, Outcome.PLANNED, why + ": " + PlanFacts.summary(plan), started);
            return;
        }
        deploy(environment, tree, head, plan, state, started, "");
    }

    /** Carries out {@code plan} for {@code commit}; on success marks it live and pushes the tags. */
    private void deploy(EnvironmentSpec environment, SpecTree tree, String commit, Plan plan, LiveState state, Instant started,
                        String prefix) {
        ApplyResult result;
        ledger.deploying(true);
        try {
            result = deployer.apply(environment, plan, state);
        } finally {
            ledger.deploying(false);
            metrics.awsCalls(name, cloud.gatewayFor(environment).stats());
            cloud.afterDeployment();
        }
        Duration took = Duration.between(started, wallClock.instant());
        metrics.deployment(name, result.succeeded(), took);
        if (!result.succeeded()) {
            ledger.pendingPlan(Optional.of(plan));
            refreshServices(environment, tree, commit);
            finish(commit, Outcome.FAILED, prefix + "apply " + result.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ": " + String.join("; ", result.messages()), started);
            return;
        }
        String summary = PlanFacts.summary(plan);
        // 4g. Committed state: turnout/<env>/live moves to the commit; the push is retried at every poll until it goes.
        if (!lastApplied.map(Applied::commit).equals(Optional.of(commit))) {
            try {
                repository.marker().mark(name, commit, summary);
                pushTags();
            } catch (GitSourceException e) {
                ledger.problem(Optional.of("deployed, but the committed-state tags could not be written: " + e.getMessage()));
            }
        }
        lastApplied = Optional.of(new Applied(commit, tree));
        ledger.liveCommit(Optional.of(commit));
        ledger.pendingPlan(Optional.empty());
        ledger.drift(List.of());
        // the status shows the new colours before it shows the outcome
        refreshServices(environment, tree, commit);
        finish(commit, Outcome.APPLIED, prefix + summary, started);
    }

    /** Reads the environment again after a deployment, so that the status shows the new colours. */
    private void refreshServices(EnvironmentSpec environment, SpecTree tree, String commit) {
        try {
            LiveState after = readLive(environment, tree);
            ledger.services(PlanFacts.services(planner.plan(environment, tree.servicesIn(environment), after, Optional.of(commit)), after));
        } catch (CloudException e) {
            LOG.warn("{}: cannot read the live state after the deployment ({}); the status shows it after the next poll", name, e.getMessage());
        }
    }

    private void driftCheck(SpecRepository.Snapshot snapshot) {
        // The baseline is the last applied tree, kept in memory; before anything was applied (a
        // plan-only environment), the head's specs, also in memory: the pending plan stays fresh.
        Optional<SpecTree> baseline = lastApplied.map(Applied::tree).or(() -> snapshot.specs().tree());
        if (baseline.isEmpty()) return;
        Optional<EnvironmentSpec> found = baseline.get().environment(name);
        if (found.isEmpty()) return;
        EnvironmentSpec environment = found.get();
        if (lastApplied.isEmpty()) noteSyncPolicy(environment);
        SpecTree tree = baseline.get();
        LiveState state = readLive(environment, tree);
        Optional<String> commit = lastApplied.map(Applied::commit).or(() -> Optional.of(snapshot.head()));
        Plan plan = planner.plan(environment, tree.servicesIn(environment), state, commit);
        ledger.services(PlanFacts.services(plan, state));
        if (lastApplied.isEmpty()) {
            if (!plan.inSync()) ledger.pendingPlan(Optional.of(plan));
            return;
        }
        if (plan.inSync()) {
            ledger.drift(List.of());
            ledger.pendingPlan(Optional.empty());
            return;
        }
        List<String> drift = PlanFacts.driftLines(plan);
        ledger.drift(drift);
        ledger.pendingPlan(Optional.of(plan));
        if (!environment.sync().selfHeal() || plan.hasProblems()) {
            LOG.warn("{}: live state drifted from {} ({}); selfHeal is off, so it is reported only", name,
                    abbrev(commit.orElseThrow()), String.join("; ", drift));
            return;
        }
        LOG.warn("{}: live state drifted from {} ({}); selfHeal is on: re-applying", name, abbrev(commit.orElseThrow()),
                String.join("; ", drift));
        metrics.planSteps(name, plan.stepCount());
        deploy(environment, tree, commit.orElseThrow(), plan, state, wallClock.instant(), "self-heal: ");
    }

    private LiveState readLive(EnvironmentSpec environment, SpecTree tree) {
        CloudGateway gateway = cloud.gatewayFor(environment);
        try {
            return new BatchedLiveStateReader(gateway).read(environment, tree);
        } finally {
            metrics.awsCalls(name, gateway.stats());
        }
    }

    private void supersede(Optional<String> since, String head) throws GitSourceException {
        for (SpecRepository.CommitInfo c : repository.commitsBetween(since, head)) {
            if (ledger.decided(c.id())) continue;
            CommitOutcome outcome = new CommitOutcome(c.id(), c.subject(), Outcome.SUPERSEDED, "superseded by " + abbrev(head),
                    wallClock.instant(), Duration.ZERO);
            ledger.record(outcome);
            metrics.outcome(name, Outcome.SUPERSEDED);
        }
    }

    private void finish(String commit, Outcome outcome, String detail, Instant started) {
        lastHandled = Optional.of(commit);
        ledger.record(new CommitOutcome(commit, repository.subject(commit), outcome, detail, wallClock.instant(),
                Duration.between(started, wallClock.instant())));
        metrics.outcome(name, outcome);
        if (outcome == Outcome.APPLIED || outcome == Outcome.PLANNED) LOG.info("{}: {} {}: {}", name, abbrev(commit), outcome, detail);
        else LOG.warn("{}: {} {}: {}", name, abbrev(commit), outcome, detail);
    }

    private void recoverOnce(SpecRepository.Snapshot snapshot) {
        if (recoveryChecked) return;
        Optional<EnvironmentSpec> environment = snapshot.specs().tree().flatMap(t -> t.environment(name));
        if (environment.isEmpty()) return; // without a valid environment spec the journal cannot be replayed yet
        recoveryChecked = true;
        Optional<ApplyResult> recovered;
        ledger.deploying(true);
        try {
            recovered = deployer.recover(environment.get());
        } finally {
            ledger.deploying(false);
        }
        recovered.ifPresent(r -> {
            cloud.afterDeployment();
            String text = "an interrupted deployment from an earlier run was " + (r.succeeded() ? "finished" : r.status() == ApplyResult.Status.ROLLED_BACK
                    ? "rolled back" : "left failed") + ": " + String.join("; ", r.messages());
            if (r.succeeded()) LOG.info("{}: {}", name, text);
            else LOG.warn("{}: {}", name, text);
            if (!r.succeeded()) ledger.problem(Optional.of(text));
        });
    }

    private void retryPendingTags() throws GitSourceException {
        if (repository.marker().pending().isEmpty()) return;
        // another replica may have deployed (and pushed) a newer commit since our push failed
        repository.adoptNewerRemoteLiveTag(name);
        pushTags();
    }

    private void pushTags() {
        PushReport report = repository.marker().pushPending();
        report.failure().ifPresent(f -> {
            LOG.warn("{}: {}", name, f);
            ledger.problem(Optional.of(f + " Retried at the next poll (in about " + human(interval) + ")."));
        });
    }

    private void noteSyncPolicy(EnvironmentSpec environment) {
        ledger.syncPolicy(environment.sync().mode().specValue());
        interval = environment.sync().interval();
    }

    private void gitFailure(GitSourceException e) {
        metrics.pollFailure(name, e.reason().isTransient());
        String next = e.reason().isTransient() ? " Retrying at the next poll (in about " + human(interval) + ")."
                : " This needs a person; the agent keeps polling and picks up the fix.";
        ledger.problem(Optional.of(e.getMessage() + next));
        LOG.warn("{}: {}{}", name, e.getMessage(), next);
    }

    private void cloudFailure(String head, CloudException e) {
        if (e.kind() == CloudException.Kind.THROTTLED) metrics.throttled(name);
        metrics.pollFailure(name, e.retryable());
        if (e.retryable()) {
            // Transient (throttling, 5xx, conflict): the head stays undecided and the next poll starts over.
            String text = e.getMessage() + ". Transient: retrying at the next poll (in about " + human(interval) + ").";
            ledger.problem(Optional.of(text));
            LOG.warn("{}: {}", name, text);
            return;
        }
        // Terminal (access denied, not found, invalid request): report it against the head, do not retry it.
        String text = e.getMessage() + ". This needs a person (permissions, infrastructure or specs); the next commit is tried again.";
        ledger.problem(Optional.of(text));
        if (!lastHandled.equals(Optional.of(head))) finish(head, Outcome.FAILED, text, wallClock.instant());
        else LOG.warn("{}: {}", name, text);
    }

    static String abbrev(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
