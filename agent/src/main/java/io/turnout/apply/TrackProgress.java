package io.turnout.apply;

import io.turnout.plan.Step;
import io.turnout.status.ServiceOutcome;

/** The {@link Progress} views the tracks of one deployment report through. */
final class TrackProgress {
    private TrackProgress() {
    }

    /**
     * {@code progress} called by one thread at a time: the tracks run side by side, while a
     * {@code Progress} (a terminal, a log, the event stream of one environment) need not be
     * thread-safe and sees one environment's events in order.
     */
    static Progress serialized(Progress progress) {
        Object lock = new Object();
        return new Progress() {
            @Override
            public void line(String message) {
                synchronized (lock) {
                    progress.line(message);
                }
            }

            @Override
            public void stepStarted(int index, String service, Step step) {
                synchronized (lock) {
                    progress.stepStarted(index, service, step);
                }
            }

            @Override
            public void stepFinished(int index, String service, Step step) {
                synchronized (lock) {
                    progress.stepFinished(index, service, step);
                }
            }

            @Override
            public void stepFailed(int index, String service, Step step, String reason) {
                synchronized (lock) {
                    progress.stepFailed(index, service, step, reason);
                }
            }

            @Override
            public void serviceFinished(ServiceOutcome outcome) {
                synchronized (lock) {
                    progress.serviceFinished(outcome);
                }
            }

            @Override
            public void awaitingApproval(PendingApproval pending) {
                synchronized (lock) {
                    progress.awaitingApproval(pending);
                }
            }

            @Override
            public void approvalDecided(PendingApproval pending, String decision) {
                synchronized (lock) {
                    progress.approvalDecided(pending, decision);
                }
            }

            @Override
            public void engineStage(String service, String description) {
                synchronized (lock) {
                    progress.engineStage(service, description);
                }
            }
        };
    }

    /** Lines begin with {@code prefix} (a track's {@code web: }); the step and service hooks pass through. */
    static Progress prefixed(Progress progress, String prefix) {
        return new Progress() {
            @Override
            public void line(String message) {
                progress.line(prefix + message);
            }

            @Override
            public void stepStarted(int index, String service, Step step) {
                progress.stepStarted(index, service, step);
            }

            @Override
            public void stepFinished(int index, String service, Step step) {
                progress.stepFinished(index, service, step);
            }

            @Override
            public void stepFailed(int index, String service, Step step, String reason) {
                progress.stepFailed(index, service, step, reason);
            }

            @Override
            public void serviceFinished(ServiceOutcome outcome) {
                progress.serviceFinished(outcome);
            }

            @Override
            public void awaitingApproval(PendingApproval pending) {
                progress.awaitingApproval(pending);
            }

            @Override
            public void approvalDecided(PendingApproval pending, String decision) {
                progress.approvalDecided(pending, decision);
            }

            @Override
            public void engineStage(String service, String description) {
                progress.engineStage(service, description);
            }
        };
    }
}
