package io.turnout.apply;

import io.turnout.spec.EnvironmentSpec;
import io.turnout.status.ServiceOutcome;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a new process does with a deployment the journal shows unfinished, service by service from
 * each one's own track; a service whose track ended (applied, rolled back, failed, skipped) is not
 * touched again:
 * <ul>
 *   <li>a step had failed and its rollback did not finish: run the rollback again;</li>
 *   <li>every step ended: only the track's end was not written; write it;</li>
 *   <li>the interruption came before the service's swap: resume from the interrupted step
 *       (steps are idempotent; verification runs again if it had not finished);</li>
 *   <li>at or after the swap: production may point at the new slot, which is trusted only if it
 *       verifies again now (steady, healthy targets); then resume, else roll back;</li>
 *   <li>paused at its approval gate: ask the desk again ({@link ApprovalGate}): still waiting, the run
 *       ends PAUSED again; decided, it goes on or rolls back;</li>
 *   <li>not started yet: start it, after the services it depends on, as the deployment would have.</li>
 * </ul>
 */
final class Recovery {
    private final JournalState state;
    private final StepContext ctx;
    private final Deployment deployment;

    Recovery(JournalState state, StepContext ctx, DeploymentJournal journal, EnvironmentSpec environment, ApprovalDesk desk) {
        this.state = state;
        this.ctx = ctx;
        int maxParallel = state.maxParallel().orElse(environment.deployment().maxParallel());
        this.deployment = new Deployment(ctx, state.steps(), state.snapshots(), state.order(), maxParallel, journal, environment,
                new ApprovalGate(desk, environment.name(), state.commit(), state.waitingSince()));
        state.done().values().forEach(ctx::absorb);
        for (ServiceTrack track : deployment.tracks().values()) plan(track);
    }

    ApplyResult run() {
        int total = state.steps().size();
        ctx.say("Found " + (state.waitingSince().isEmpty() ? "an interrupted deployment" : "a deployment waiting for approval")
                + " (started " + state.at() + "): " + state.done().size() + " of " + total
                + " steps done" + (state.ended().isEmpty() ? "" : ", " + state.ended().size() + " of "
                + deployment.tracks().size() + " services finished (" + Deployment.names(List.copyOf(state.ended().keySet()))
                + "; not touched again)"));
        return deployment.execute();
    }

    /** How {@code track} goes on from what its entries say. */
    private void plan(ServiceTrack track) {
        String service = track.service();
        ServiceOutcome ended = state.ended().get(service);
        if (ended != null) {
            deployment.ended(ended);
            return;
        }
        List<PlannedStep> steps = track.steps();
        Set<Integer> indices = steps.stream().map(PlannedStep::index).collect(Collectors.toSet());
        Set<Integer> started = state.started().stream().filter(indices::contains).collect(Collectors.toSet());
        Set<Integer> done = state.done().keySet().stream().filter(indices::contains).collect(Collectors.toSet());
        JournalState.Failure failure = state.failures().get(service);
        if (failure != null) {
            int position = steps.indexOf(steps.stream().filter(s -> s.index() == failure.index()).findFirst().orElseThrow());
            String reason = "step " + (position + 1) + "/" + steps.size() + " (" + steps.get(position).step().describe()
                    + ") failed: " + failure.reason();
            track.resume(started, done, state.rollbacksEnded().contains(service)
                    ? new ServiceTrack.Start.RolledBack(reason) : new ServiceTrack.Start.RollBack(reason));
            return;
        }
        Optional<Integer> next = IntStream.range(0, steps.size()).boxed()
                .filter(i -> !done.contains(steps.get(i).index())).findFirst();
        int position = next.orElse(steps.size());
        Optional<Integer> firstMove = IntStream.range(0, steps.size()).boxed()
                .filter(i -> StepRunners.movesProduction(steps.get(i).step())).findFirst();
        boolean reverify = firstMove.isPresent() && position >= firstMove.get() && position < steps.size();
        track.resume(started, done, new ServiceTrack.Start.AtStep(position, reverify));
    }
}
