package io.turnout.pipeline;

import io.turnout.cloud.CloudGateway;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.live.SlotVouch;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.plan.SlotTags;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * "Read live, then plan", written once: the spec tree and one of its environments, through that
 * environment's cloud gateway, give the live state (read in batches within AWS's read budgets)
 * and the plan. Called by {@code turnout plan}, {@code turnout apply} and the agent's reconciler.
 * Pure apart from the reads: the same tree and the same live state give the same plan.
 */
public final class PlanningStep {
    private final PlanFunction planner;

    /** The live state a plan was made from, and the plan. */
    public record Planned(LiveState live, Plan plan) {
    }

    /** How a plan is made from the desired services and the live state: {@link Planner#plan}. */
    @FunctionalInterface
    public interface PlanFunction {
        Plan plan(EnvironmentSpec environment, List<EffectiveService> desired, LiveState live, Optional<String> commit);
    }

    /** With Turnout's {@link Planner}. */
    public PlanningStep() {
        this(new Planner()::plan);
    }

    /** With another planner: tests use one that fails, to see what the agent does with a bug. */
    public PlanningStep(PlanFunction planner) {
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    /** Reads the live state of {@code environment} and plans its services in {@code tree} against it. */
    public Planned plan(CloudGateway gateway, EnvironmentSpec environment, SpecTree tree, Optional<String> commit) {
        LiveState live = read(gateway, environment, tree);
        return new Planned(live, plan(environment, tree, live, commit));
    }

    /**
     * As {@link #plan(CloudGateway, EnvironmentSpec, SpecTree, Optional)}, reading every slot in full
     * (also the GREEN slots the tags would let it skip): the same plan, with the live state the
     * status shows (GREEN's image and tasks), at the cost of more reads.
     */
    public Planned planReadingEverySlot(CloudGateway gateway, EnvironmentSpec environment, SpecTree tree, Optional<String> commit) {
        LiveState live = new BatchedLiveStateReader(gateway, SlotVouch.NONE).read(environment, tree);
        return new Planned(live, plan(environment, tree, live, commit));
    }

    /** Plans against a live state read before. */
    public Plan plan(EnvironmentSpec environment, SpecTree tree, LiveState live, Optional<String> commit) {
        return planner.plan(environment, tree.servicesIn(environment), live, commit);
    }

    /** Reads the live state only (e.g. again, right before a deployment that was confirmed meanwhile). */
    public LiveState read(CloudGateway gateway, EnvironmentSpec environment, SpecTree tree) {
        return new BatchedLiveStateReader(gateway, SlotTags::runsDesired).read(environment, tree);
    }
}
