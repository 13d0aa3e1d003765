package io.turnout.apply;

import io.turnout.cloud.ChangeInfo;
import java.time.Instant;

/** Route 53 changes as the DNS steps and the rollback wait for them. */
final class Route53Changes {
    private Route53Changes() {}

    /** GetChange until the change is INSYNC, within the DNS sync timeout; a step failure after it. */
    static void awaitInSync(StepContext ctx, ChangeInfo change) {
        Instant deadline = ctx.now().plus(ctx.settings.dnsSyncTimeout());
        ChangeInfo current = change;
        boolean said = false;
        while (!current.inSync()) {
            if (!ctx.now().isBefore(deadline)) {
                throw new StepFailure("Route 53 change " + change.id() + " is still " + current.status() + " after "
                        + StepContext.format(ctx.settings.dnsSyncTimeout()));
            }
            if (!said) ctx.say("Waiting for Route 53 change " + change.id() + " to be INSYNC…");
            said = true;
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
            current = ctx.call(() -> ctx.cloud.route53().getChange(change.id()));
        }
    }
}
