package io.turnout.apply;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.HttpProbe;
import io.turnout.cloud.JavaHttpProbe;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.ServicePlan;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.state.Journal;
import io.turnout.state.MemoryJournal;
import io.turnout.time.Sleeper;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Carries out a plan for one environment: pre-flight, then every service on its own track, side
 * by side — at most {@code deployment.maxParallel} at once, a service after those it
 * {@code dependsOn} — each step journaled before and after it runs ({@link Deployment}). A step
 * that fails rolls its own service back ({@link Rollback}) unless the environment's
 * {@code autoRollback} is off; the other services carry on, and those that depend on it are skipped.
 * A service at an undecided approval gate pauses ({@link ApprovalGate}); the others go on.
 * {@link #recover()} finishes or rolls back, service by service, a deployment an earlier process
 * left unfinished.
 *
 * <p>Only {@link RuntimeException}s count as step failures. An {@link Error} (or the process
 * dying) leaves the journal unfinished, which is what {@link #recover()} is for. Refuses to start
 * while the journal holds an unfinished deployment (also one paused at an approval gate).
 */
public final class PlanExecutor {
    private final CloudGateway cloud;
    private final EnvironmentSpec environment;
    private final Journal journal;
    private final Progress progress;
    private final Sleeper sleeper;
    private final InstantSource clock;
    private final HttpProbe http;
    private final RandomGenerator random;
    private final ExecutorSettings settings;
    private final ApprovalDesk approvals;

    private PlanExecutor(Builder b) {
        this.cloud = b.cloud;
        this.environment = b.environment;
        this.journal = b.journal;
        this.progress = b.progress;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.http = b.http;
        this.random = b.random;
        this.settings = b.settings;
        this.approvals = b.approvals != null ? b.approvals : new JournalApprovals(b.journal);
    }

    public static Builder builder(CloudGateway cloud, EnvironmentSpec environment) {
        return new Builder(cloud, environment);
    }

    /** Whether the journal holds a deployment that neither finished nor was rolled back (also one paused for approval). */
    public boolean hasUnfinishedDeployment() {
        return JournalState.read(journal.entries()).isPresent();
    }

    /** The commit of the unfinished deployment in the journal, when it has one. */
    public Optional<String> unfinishedCommit() {
        return JournalState.read(journal.entries()).flatMap(JournalState::commit);
    }

    /**
     * Applies {@code plan}. {@code live} must have been read just before (it is checked
     * against the plan, and is what a rollback restores). Refuses while an unfinished
     * deployment is in the journal: call {@link #recover()} first.
     */
    public ApplyResult apply(Plan plan, LiveState live) {
        if (hasUnfinishedDeployment()) {
            return new ApplyResult(ApplyResult.Status.REFUSED, List.of("an interrupted deployment of " + environment.name()
                    + " is in the journal: it must be resumed or rolled back first (turnout apply does that on start)"));
        }
        if (plan.stepCount() == 0 && !plan.hasProblems()) {
            return new ApplyResult(ApplyResult.Status.NOTHING_TO_DO, List.of(environment.name() + " is in sync"));
        }
        PreFlight.Result preFlight = PreFlight.check(plan, live);
        if (!preFlight.ok()) {
            List<String> messages = new ArrayList<>(preFlight.problems());
            messages.add("nothing was changed");
            return new ApplyResult(ApplyResult.Status.REFUSED, messages);
        }
        List<PlannedStep> steps = flatten(plan);
        Map<String, List<String>> order = order(plan);
        int maxParallel = environment.deployment().maxParallel();
        DeploymentJournal entries = new DeploymentJournal(journal, clock);
        entries.begin(plan, steps, order, maxParallel);
        preFlight.snapshots().forEach(entries::snapshot);
        StepContext ctx = context();
        for (PreFlight.Repair r : preFlight.repairs()) {
            ctx.say("Repairing tags: " + r.why() + "; tagging it " + r.describeTags());
            ctx.run(() -> cloud.ecs().tagResource(r.arn(), r.tags()));
        }
        Deployment run = new Deployment(ctx, steps, preFlight.snapshots(), order, maxParallel, entries, environment,
                new ApprovalGate(approvals, environment.name(), plan.commit(), Map.of()));
        return run.execute();
    }

    /**
     * Resumes or rolls back the deployment an earlier process left unfinished; empty when
     * there is none. Steps re-run from the interrupted one (each is idempotent). When the
     * interruption came at or after the swap, the new slot must verify again (steady, healthy
     * targets) before the deployment continues; if it does not, the service is rolled back.
     */
    public Optional<ApplyResult> recover() {
        Optional<JournalState> state = JournalState.read(journal.entries());
        if (state.isEmpty()) return Optional.empty();
        return Optional.of(new Recovery(state.get(), context(), new DeploymentJournal(journal, clock), environment, approvals).run());
    }

    private StepContext context() {
        Progress lines = TrackProgress.serialized(progress);
        CloudRetry retry = CloudRetry.standard(sleeper, random, lines);
        return new StepContext(cloud, environment, lines, sleeper, clock, retry, http, settings);
    }

    /** Each service's {@code dependsOn}, as the plan says it. */
    static Map<String, List<String>> order(Plan plan) {
        Map<String, List<String>> order = new TreeMap<>();
        for (ServicePlan sp : plan.services()) {
            if (!sp.steps().isEmpty() && !sp.dependsOn().isEmpty()) order.put(sp.service(), sp.dependsOn());
        }
        return order;
    }

    static List<PlannedStep> flatten(Plan plan) {
        List<PlannedStep> steps = new ArrayList<>();
        for (ServicePlan sp : plan.services()) {
            for (var step : sp.steps()) steps.add(new PlannedStep(steps.size(), sp.service(), sp.kind(), step));
        }
        return steps;
    }

    /** What the executor is built from; everything but the cloud and the environment has a default. */
    public static final class Builder {
        private final CloudGateway cloud;
        private final EnvironmentSpec environment;
        private Journal journal = new MemoryJournal();
        private Progress progress = Progress.silent();
        private Sleeper sleeper = Sleeper.real();
        private InstantSource clock = InstantSource.system();
        private HttpProbe http = new JavaHttpProbe();
        private RandomGenerator random = RandomGenerator.getDefault();
        private ExecutorSettings settings = ExecutorSettings.DEFAULT;
        private ApprovalDesk approvals;

        private Builder(CloudGateway cloud, EnvironmentSpec environment) {
            this.cloud = Objects.requireNonNull(cloud, "cloud");
            this.environment = Objects.requireNonNull(environment, "environment");
        }

        public Builder journal(Journal journal) {
            this.journal = journal;
            return this;
        }

        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /** How to wait, and the clock deadlines are measured on: pass both (a ManualClock and its sleeper()). */
        public Builder time(InstantSource clock, Sleeper sleeper) {
            this.clock = clock;
            this.sleeper = sleeper;
            return this;
        }

        public Builder httpProbe(HttpProbe http) {
            this.http = http;
            return this;
        }

        /** The jitter's randomness; tests pass a seeded one. */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public Builder settings(ExecutorSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Who decides approval gates; default: the decisions journaled through the API ({@link JournalApprovals}). */
        public Builder approvals(ApprovalDesk approvals) {
            this.approvals = approvals;
            return this;
        }

        public PlanExecutor build() {
            return new PlanExecutor(this);
        }
    }
}
