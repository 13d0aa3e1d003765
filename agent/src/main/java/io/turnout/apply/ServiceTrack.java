package io.turnout.apply;

import io.turnout.plan.AwaitApproval;
import io.turnout.plan.Verify;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceOutcome.Result;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * One service's part of a deployment — its track — run on its own thread: its steps in order, each
 * journaled before and after; on the first failure that service alone is rolled back
 * ({@link Rollback}) unless the environment's {@code autoRollback} is off. Whatever happens, the
 * track ends with a {@code service-end} entry and a {@link ServiceOutcome} — unless it waits at its
 * approval gate ({@link ApprovalGate}) — and a failure here never reaches another service's track
 * (invariant 7).
 *
 * <p>Only {@link RuntimeException}s count as step failures. An {@link Error} (or the process dying)
 * leaves the track unfinished in the journal, which is what {@link Recovery} is for; the other tracks
 * are then stopped as the process would stop them ({@link Halted}), without journaling a failure.
 */
final class ServiceTrack {
    /** How a track begins: at a step of its own (a fresh one: its first), or with its rollback (recovery). */
    sealed interface Start {
        /** Run from the service's {@code position}-th step; re-verify the new slot first when production may point at it. */
        record AtStep(int position, boolean reverify) implements Start {
        }

        /** A step failed before the process died and the rollback did not finish: roll back (again). */
        record RollBack(String reason) implements Start {
        }

        /** The rollback finished before the process died; only the track's end is missing. */
        record RolledBack(String reason) implements Start {
        }
    }

    /** The deployment was stopped because another track met an {@link Error}, as the dying process would have stopped it. */
    static final class Halted extends Error {
        Halted() {
            super("deployment halted: another service's track stopped the process", null, false, false);
        }
    }

    private final String service;
    private final List<PlannedStep> steps;
    private final List<String> dependsOn;
    private final Optional<ServiceSnapshot> snapshot;
    private final Set<Integer> started = new HashSet<>();
    private final Set<Integer> done = new HashSet<>();
    private Start start = new Start.AtStep(0, false);
    private ApprovalGate approvals;

    ServiceTrack(String service, List<PlannedStep> steps, List<String> dependsOn, Optional<ServiceSnapshot> snapshot) {
        this.service = service;
        this.steps = List.copyOf(steps);
        this.dependsOn = List.copyOf(dependsOn);
        this.snapshot = snapshot;
    }

    String service() {
        return service;
    }

    List<String> dependsOn() {
        return dependsOn;
    }

    List<PlannedStep> steps() {
        return steps;
    }

    /** Resumes a track an earlier process began: what it had started and finished, and how to go on. */
    void resume(Set<Integer> startedBefore, Set<Integer> doneBefore, Start how) {
        started.addAll(startedBefore);
        done.addAll(doneBefore);
        start = how;
    }

    /**
     * Runs the track to its end, or to its approval gate when nobody decided yet (a {@code PAUSED}
     * outcome, not journaled as an end: the next run resumes the track there); {@code ctx} is this
     * track's view, {@code halted} says the deployment is stopping.
     */
    ServiceOutcome run(StepContext ctx, DeploymentJournal journal, EnvironmentSpec environment, ApprovalGate approvals,
                       BooleanSupplier halted) {
        this.approvals = approvals;
        ServiceOutcome outcome = switch (start) {
            case Start.RolledBack r -> new ServiceOutcome(service, Result.ROLLED_BACK, r.reason() + "; rolled back");
            case Start.RollBack r -> {
                ctx.say("Its rollback had not finished: rolling " + service + " back again");
                yield rollBack(ctx, journal, environment, r.reason(), halted);
            }
            case Start.AtStep s -> fromStep(ctx, journal, environment, s, halted);
        };
        if (outcome.result() == Result.PAUSED) return outcome;
        journal.serviceEnded(outcome);
        ctx.progress.serviceFinished(outcome);
        return outcome;
    }

    private ServiceOutcome fromStep(StepContext ctx, DeploymentJournal journal, EnvironmentSpec environment,
                                    Start.AtStep start, BooleanSupplier halted) {
        if (start.reverify() && start.position() < steps.size()) {
            Optional<String> failure = reverify(ctx, steps.get(start.position()));
            if (failure.isPresent()) return rollBack(ctx, journal, environment, failure.get(), halted);
        }
        if (start.position() > 0 && start.position() < steps.size()) {
            ctx.say("Resuming at step " + (start.position() + 1) + "/" + steps.size() + ": " + steps.get(start.position()).step().describe());
        }
        for (int position = start.position(); position < steps.size(); position++) {
            PlannedStep s = steps.get(position);
            if (done.contains(s.index())) continue;
            if (halted.getAsBoolean()) throw new Halted();
            if (s.step() instanceof AwaitApproval gate) {
                switch (approvals.ask(ctx, journal, s, gate)) {
                    case ApprovalGate.Verdict.Proceed p -> { }
                    case ApprovalGate.Verdict.Pause p -> {
                        return new ServiceOutcome(service, Result.PAUSED, "waiting for approval to move production to "
                                + p.pending().ecsServiceName() + " (verified; production untouched) since " + p.pending().since()
                                + ", rolled back at " + p.pending().deadline() + " unless approved");
                    }
                    case ApprovalGate.Verdict.Fail f -> {
                        journal.stepStarted(service, s.index());
                        started.add(s.index());
                        ctx.progress.stepStarted(s.index(), service, s.step());
                        journal.stepFailed(service, s.index(), f.reason());
                        ctx.say("Approval gate: " + f.reason());
                        ctx.progress.stepFailed(s.index(), service, s.step(), f.reason());
                        return rollBack(ctx, journal, environment, "step " + (position + 1) + "/" + steps.size() + " ("
                                + s.step().describe() + "): " + f.reason(), halted);
                    }
                }
            }
            journal.stepStarted(service, s.index());
            started.add(s.index());
            ctx.progress.stepStarted(s.index(), service, s.step());
            ctx.say("[" + (position + 1) + "/" + steps.size() + "] " + s.step().describe());
            ObjectNode result;
            try {
                result = StepRunners.run(s.step(), ctx);
            } catch (RuntimeException e) {
                if (halted.getAsBoolean()) throw new Halted();
                String reason = e instanceof StepFailure ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
                journal.stepFailed(service, s.index(), reason);
                ctx.say("Failed: " + reason);
                ctx.progress.stepFailed(s.index(), service, s.step(), reason);
                return rollBack(ctx, journal, environment, "step " + (position + 1) + "/" + steps.size() + " ("
                        + s.step().describe() + ") failed: " + reason, halted);
            }
            journal.stepEnded(service, s.index(), result);
            done.add(s.index());
            ctx.progress.stepFinished(s.index(), service, s.step());
        }
        return new ServiceOutcome(service, Result.APPLIED, "applied " + steps.size() + (steps.size() == 1 ? " step" : " steps"));
    }

    /**
     * At or after the swap production may point at the new slot, which is trusted only if it
     * verifies again now (steady, healthy targets; no HTTP through stage, which may reach the old
     * slot by then). Empty when it does, or when the interruption came before the swap.
     */
    private Optional<String> reverify(StepContext ctx, PlannedStep next) {
        Optional<Verify> verify = steps.stream().map(PlannedStep::step).filter(s -> s instanceof Verify).map(s -> (Verify) s).findFirst();
        if (verify.isEmpty()) return Optional.empty();
        Verify v = verify.get();
        SlotCheck check = new SlotCheck(ctx.environment.cluster(), v.ecsServiceName(), v.targetGroupName(),
                v.targetGroupArn(), v.verification().healthyTargets(), Optional.empty(), List.of());
        try {
            ctx.say("Re-verifying " + v.ecsServiceName() + " before trusting it with production again");
            check.verify(ctx, true);
            return Optional.empty();
        } catch (StepFailure e) {
            ctx.say("Cannot re-verify " + v.ecsServiceName() + ": " + e.getMessage());
            return Optional.of("interrupted at step " + (steps.indexOf(next) + 1) + "/" + steps.size() + " and "
                    + v.ecsServiceName() + " no longer verifies: " + e.getMessage());
        }
    }

    /** Rolls this service back after {@code failure}. */
    private ServiceOutcome rollBack(StepContext ctx, DeploymentJournal journal, EnvironmentSpec environment, String failure,
                                    BooleanSupplier halted) {
        if (!environment.deployment().autoRollback()) {
            return new ServiceOutcome(service, Result.FAILED, failure + "; deployment.autoRollback is off in " + environment.name()
                    + ": " + service + " was left as it is; fix the cause and apply again, or revert the commit");
        }
        if (snapshot.isEmpty()) {
            return new ServiceOutcome(service, Result.FAILED, failure + "; no snapshot of " + service
                    + " was journaled: nothing can be rolled back automatically");
        }
        boolean moved = productionMoved();
        ctx.say("Rolling back " + service + (moved ? " (production had moved: swapping it back)" : " (production was not touched)"));
        journal.rollbackStarted(service);
        List<String> restored;
        try {
            restored = new Rollback(ctx.withPersistentRetry(), snapshot.get()).run(moved);
        } catch (RuntimeException e) {
            if (halted.getAsBoolean()) throw new Halted();
            journal.rollbackFailed(service, String.valueOf(e.getMessage()));
            return new ServiceOutcome(service, Result.FAILED, failure + "; the rollback failed too: " + e.getMessage() + "; "
                    + service + " needs a person: compare it with the plan (turnout plan) and fix it by hand");
        }
        journal.rollbackEnded(service, restored);
        return new ServiceOutcome(service, Result.ROLLED_BACK, failure + "; rolled back: " + String.join(", ", restored));
    }

    private boolean productionMoved() {
        return steps.stream().anyMatch(s -> started.contains(s.index()) && StepRunners.movesProduction(s.step()));
    }
}
