package io.turnout.apply;

import io.turnout.plan.Verify;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.state.Journal;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a new process does with a deployment the journal shows unfinished:
 * <ul>
 *   <li>a step had failed and its rollback did not finish: run the rollback again;</li>
 *   <li>every step ended: only the end was not written; write it;</li>
 *   <li>the interruption came before the service's swap: resume from the interrupted step
 *       (steps are idempotent; verification runs again if it had not finished);</li>
 *   <li>at or after the swap: production may point at the new slot, which is trusted only if
 *       it verifies again now (steady, healthy targets); then resume, else roll back;</li>
 *   <li>paused at an approval gate: ask the desk again (see {@link Deployment}): still waiting,
 *       the run ends PAUSED again; decided, it goes on or rolls back.</li>
 * </ul>
 */
final class Recovery {
    private final JournalState state;
    private final StepContext ctx;
    private final Deployment deployment;

    Recovery(JournalState state, StepContext ctx, Journal journal, Progress progress, EnvironmentSpec environment,
             ApprovalDesk desk) {
        this.state = state;
        this.ctx = ctx;
        this.deployment = new Deployment(ctx, state.steps(), state.snapshots(), journal, progress, environment, state.commit(), desk);
        state.done().values().forEach(ctx::absorb);
        deployment.alreadyDone(state.started(), state.done().keySet(), state.waitingSince());
    }

    ApplyResult run() {
        int total = state.steps().size();
        ctx.say("Found " + (state.waitingSince().isEmpty() ? "an interrupted deployment" : "a deployment waiting for approval")
                + " (started " + state.at() + "): " + state.done().size() + " of " + total + " steps done");
        if (state.failed().isPresent()) {
            PlannedStep failed = state.steps().get(state.failed().get());
            String reason = "step " + (failed.index() + 1) + " failed: " + state.failure().orElse("");
            if (state.rollbacksEnded().contains(failed.service())) {
                return deployment.end(new ApplyResult(ApplyResult.Status.ROLLED_BACK,
                        List.of(failed.service() + ": " + reason, "rolled back " + failed.service())));
            }
            ctx.say("Its rollback had not finished: rolling " + failed.service() + " back again");
            return deployment.rollBack(failed.service(), reason);
        }
        Optional<Integer> interrupted = IntStream.range(0, total).boxed()
                .filter(i -> !state.done().containsKey(i)).findFirst();
        if (interrupted.isEmpty()) return deployment.execute(total);
        PlannedStep next = state.steps().get(interrupted.get());
        Optional<PlannedStep> firstMove = state.steps().stream()
                .filter(s -> s.service().equals(next.service()) && StepRunners.movesProduction(s.step())).findFirst();
        if (firstMove.isPresent() && next.index() >= firstMove.get().index()) {
            Optional<Verify> verify = state.steps().stream().filter(s -> s.service().equals(next.service()))
                    .map(PlannedStep::step).filter(s -> s instanceof Verify).map(s -> (Verify) s).findFirst();
            if (verify.isPresent()) {
                Verify v = verify.get();
                // Stage may already point at the old slot: targets and steady state only, no HTTP through stage.
                SlotCheck check = new SlotCheck(ctx.environment.cluster(), v.ecsServiceName(), v.targetGroupName(),
                        v.targetGroupArn(), v.verification().healthyTargets(), Optional.empty(), List.of());
                try {
                    ctx.say("Re-verifying " + v.ecsServiceName() + " before trusting it with production again");
                    check.verify(ctx, true);
                } catch (StepFailure e) {
                    ctx.say("Cannot re-verify " + v.ecsServiceName() + ": " + e.getMessage());
                    return deployment.rollBack(next.service(), "interrupted at step " + (next.index() + 1)
                            + " and " + v.ecsServiceName() + " no longer verifies: " + e.getMessage());
                }
            }
        }
        ctx.say("Resuming at step " + (next.index() + 1) + ": " + next.step().describe());
        return deployment.execute(next.index());
    }
}
