package io.turnout.events;

import io.turnout.apply.PendingApproval;
import io.turnout.apply.Progress;
import io.turnout.events.DeploymentEvent.ApprovalDecided;
import io.turnout.events.DeploymentEvent.ApprovalRequested;
import io.turnout.events.DeploymentEvent.EngineStageChanged;
import io.turnout.events.DeploymentEvent.ServiceFinished;
import io.turnout.events.DeploymentEvent.StepFailed;
import io.turnout.events.DeploymentEvent.StepFinished;
import io.turnout.events.DeploymentEvent.StepStarted;
import io.turnout.plan.Step;
import io.turnout.status.ServiceOutcome;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The executor's {@link Progress} as events: every step transition becomes a {@link StepStarted},
 * {@link StepFinished} or {@link StepFailed} on {@code events}, every service's end a
 * {@link ServiceFinished}, every stage of AWS's engines an {@link EngineStageChanged}, and lines and the step hooks also
 * go to {@code lines} (the log, a terminal, a test's hooks). The one place step events come from.
 */
public final class StepEvents implements Progress {
    private final Progress lines;
    private final DeploymentEvents events;
    private final String environment;
    private final Optional<String> commit;
    private final InstantSource clock;

    public StepEvents(Progress lines, DeploymentEvents events, String environment, Optional<String> commit, InstantSource clock) {
        this.lines = lines;
        this.events = events;
        this.environment = environment;
        this.commit = commit;
        this.clock = clock;
    }

    @Override
    public void line(String message) {
        lines.line(message);
    }

    @Override
    public void stepStarted(int index, String service, Step step) {
        events.publish(new StepStarted(environment, clock.instant(), commit, index, service, step));
        lines.stepStarted(index, service, step);
    }

    @Override
    public void stepFinished(int index, String service, Step step) {
        events.publish(new StepFinished(environment, clock.instant(), commit, index, service, step));
        lines.stepFinished(index, service, step);
    }

    @Override
    public void engineStage(String service, String description) {
        events.publish(new EngineStageChanged(environment, clock.instant(), commit, service, description));
        lines.engineStage(service, description);
    }

    @Override
    public void serviceFinished(ServiceOutcome outcome) {
        events.publish(new ServiceFinished(environment, clock.instant(), commit, outcome));
        lines.serviceFinished(outcome);
    }

    @Override
    public void awaitingApproval(PendingApproval pending) {
        events.publish(new ApprovalRequested(environment, clock.instant(), pending.commit().or(() -> commit), pending.service(),
                pending.ecsServiceName(), pending.since(), pending.deadline()));
        lines.awaitingApproval(pending);
    }

    @Override
    public void approvalDecided(PendingApproval pending, String decision) {
        events.publish(new ApprovalDecided(environment, clock.instant(), pending.commit().or(() -> commit), pending.service(), decision));
        lines.approvalDecided(pending, decision);
    }

    @Override
    public void stepFailed(int index, String service, Step step, String reason) {
        events.publish(new StepFailed(environment, clock.instant(), commit, index, service, step, reason));
        lines.stepFailed(index, service, step, reason);
    }
}
