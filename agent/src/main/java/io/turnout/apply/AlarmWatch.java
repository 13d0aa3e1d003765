package io.turnout.apply;

import io.turnout.cloud.AlarmInfo;
import io.turnout.cloud.CloudWatchApi;
import io.turnout.live.ReadBudget;
import io.turnout.live.ReadThrottle;
import io.turnout.spec.AlarmGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * One look at a service's CloudWatch alarms: DescribeAlarms in batches of 100 names (AWS's
 * limit), within CloudWatch's read budget ({@link ReadBudget#CLOUDWATCH}), transient errors
 * retried. An alarm in ALARM always fails, naming the alarm and CloudWatch's reason. An alarm in
 * INSUFFICIENT_DATA, an alarm that does not exist, or a read that keeps failing fails too unless
 * the gate says {@code onMissingData: ignore} ("fail closed", as CodeDeploy does by default).
 */
final class AlarmWatch {
    private final StepContext ctx;
    private final ReadThrottle throttle;

    AlarmWatch(StepContext ctx) {
        this.ctx = ctx;
        // the throttle waits on the deployment's own clock, so a simulated deployment never sleeps for real
        this.throttle = new ReadThrottle(List.of(ReadBudget.CLOUDWATCH), ReadThrottle.VIRTUAL_THREADS,
                () -> nanos(ctx.now()), ctx.sleeper);
    }

    /** Throws a {@link StepFailure} naming the first alarm that is not OK (or cannot tell, failing closed). */
    void check(AlarmGate gate, String when) {
        if (gate.isEmpty()) return;
        List<String> names = gate.names().stream().distinct().sorted().toList();
        Map<String, AlarmInfo> found = new TreeMap<>();
        try {
            List<Callable<List<AlarmInfo>>> calls = new ArrayList<>();
            for (int i = 0; i < names.size(); i += CloudWatchApi.NAMES_PER_CALL) {
                List<String> batch = names.subList(i, Math.min(names.size(), i + CloudWatchApi.NAMES_PER_CALL));
                calls.add(() -> ctx.call(() -> ctx.cloud.cloudWatch().describeAlarms(batch)));
            }
            throttle.all(ReadBudget.CLOUDWATCH.service(), calls).forEach(list -> list.forEach(a -> found.put(a.name(), a)));
        } catch (StepFailure e) {
            missing(gate, "the alarms " + String.join(", ", names) + " could not be read " + when + ": " + e.getMessage());
            return;
        }
        for (String name : names) {
            AlarmInfo alarm = found.get(name);
            if (alarm == null) {
                missing(gate, "alarm " + name + " does not exist (CloudWatch DescribeAlarms found no metric or composite alarm of that name)");
            } else if (AlarmInfo.ALARM.equals(alarm.state())) {
                throw new StepFailure("alarm " + name + " is in ALARM " + when + (alarm.stateSince() == null ? ""
                        : " (since " + alarm.stateSince() + ")") + ": " + alarm.stateReason());
            } else if (!AlarmInfo.OK.equals(alarm.state())) {
                missing(gate, "alarm " + name + " is " + alarm.state() + " " + when + ": " + alarm.stateReason());
            }
        }
    }

    /**
     * Checks the alarms now and then every {@code recheck} until {@code duration} has passed,
     * e.g. the window after the swap.
     */
    void watch(AlarmGate gate, Duration duration, String when) {
        Instant end = ctx.now().plus(duration);
        check(gate, when);
        while (ctx.now().isBefore(end)) {
            ctx.sleepUntilAtMost(ctx.settings.bakeRecheck(), end);
            check(gate, when);
        }
    }

    private void missing(AlarmGate gate, String what) {
        if (gate.onMissingData() == AlarmGate.MissingData.IGNORE) {
            ctx.say("Ignoring: " + what + " (onMissingData: ignore)");
            return;
        }
        throw new StepFailure(what + "; failing closed (set verification.onMissingData: ignore to go on without it)");
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
