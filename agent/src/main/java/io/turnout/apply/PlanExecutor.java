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
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out a plan for one environment: pre-flight, then each service's steps in order
 * (services one after the other), each step journaled before and after it runs. The first
 * step that fails stops the deployment; that service is rolled back ({@link Rollback}) unless
 * the environment's {@code autoRollback} is off, and later services are not started. A service at
 * an undecided approval gate pauses (see {@link Deployment}); the others go on.
 * {@link #recover()} finishes or rolls back a deployment an earlier process left unfinished.
 *
 * <p>Only {@link RuntimeException}s count as step failures. An {@link Error} (or the process
 * dying) leaves the journal unfinished, which is what {@link #recover()} is for.
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
     * deployment is in the journal (also one paused at an approval gate): call {@link #recover()} first.
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
        journal.append(begin(plan, steps));
        preFlight.snapshots().forEach((service, snapshot) -> journal.append(JournalJson.NODES.objectNode()
                .put("type", "snapshot").put("service", service).set("state", JournalJson.tree(snapshot))));
        StepContext ctx = context();
        for (PreFlight.Repair r : preFlight.repairs()) {
            ctx.say("Repairing tags: " + r.why() + "; tagging it " + r.describeTags());
            ctx.run(() -> cloud.ecs().tagResource(r.arn(), r.tags()));
        }
        Deployment run = new Deployment(ctx, steps, preFlight.snapshots(), journal, progress, environment, plan.commit(), approvals);
        return run.execute(0);
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
        return Optional.of(new Recovery(state.get(), context(), journal, progress, environment, approvals).run());
    }

    private StepContext context() {
        CloudRetry retry = CloudRetry.standard(sleeper, random, progress);
        return new StepContext(cloud, environment, progress, sleeper, clock, retry, http, settings);
    }

    static List<PlannedStep> flatten(Plan plan) {
        List<PlannedStep> steps = new ArrayList<>();
        for (ServicePlan sp : plan.services()) {
            for (var step : sp.steps()) steps.add(new PlannedStep(steps.size(), sp.service(), sp.kind(), step));
        }
        return steps;
    }

    private ObjectNode begin(Plan plan, List<PlannedStep> steps) {
        ObjectNode begin = JournalJson.NODES.objectNode().put("type", "begin").put("at", clock.instant().toString())
                .put("environment", plan.environment());
        plan.commit().ifPresent(c -> begin.put("commit", c));
        ArrayNode list = begin.putArray("steps");
        for (PlannedStep s : steps) {
            ObjectNode node = JournalJson.step(s.step());
            node.put("index", s.index()).put("service", s.service()).put("kind", s.kind().name());
            list.add(node);
        }
        return begin;
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
