package io.turnout.apply;

import io.turnout.plan.WatchAlarms;
import tools.jackson.databind.node.ObjectNode;

/** The window after the swap: the alarms are re-checked every {@code bakeRecheck}; one that fires rolls production back. */
final class WatchAlarmsRunner implements StepRunner<WatchAlarms> {
    @Override
    public ObjectNode run(WatchAlarms step, StepContext ctx) {
        ctx.say("Watching alarms " + String.join(", ", step.alarms().names()) + " for " + StepContext.format(step.window())
                + " now that production runs on " + step.ecsServiceName());
        new AlarmWatch(ctx).watch(step.alarms(), step.window(), "after production moved to " + step.ecsServiceName());
        ctx.say("Alarms stayed OK for " + StepContext.format(step.window()));
        return StepRunner.nothing();
    }
}
