package io.turnout.cloud.sim;

import io.turnout.cloud.AlarmInfo;
import io.turnout.cloud.CloudWatchApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Simulated Amazon CloudWatch alarms: each has a state now and may have state changes scheduled
 * at given instants (a world file's {@code alarms[].changes}, or {@link SimRegion#setAlarmState}),
 * applied as the clock passes them. Only what the alarm gates read: DescribeAlarms by name.
 */
final class SimCloudWatch implements CloudWatchApi {
    static final Set<String> STATES = Set.of(AlarmInfo.OK, AlarmInfo.ALARM, AlarmInfo.INSUFFICIENT_DATA);

    /** An alarm's state and the changes still to come, in time order. */
    static final class Alarm {
        final String name;
        final String arn;
        String state;
        String reason;
        Instant since;
        final List<Change> changes = new ArrayList<>();

        Alarm(String name, String arn, String state, String reason, Instant since) {
            this.name = name;
            this.arn = arn;
            this.state = state;
            this.reason = reason;
            this.since = since;
        }

        /** Applies the scheduled changes due at {@code now}. */
        void advanceTo(Instant now) {
            while (!changes.isEmpty() && !changes.getFirst().at().isAfter(now)) {
                Change c = changes.removeFirst();
                if (!c.state().equals(state)) since = c.at();
                state = c.state();
                reason = c.reason();
            }
        }

        AlarmInfo info() {
            return new AlarmInfo(name, arn, state, reason, since);
        }
    }

    /** A state an alarm takes at {@code at}. */
    record Change(Instant at, String state, String reason) {
        Change {
            Objects.requireNonNull(at, "at");
            if (!STATES.contains(state)) throw new IllegalArgumentException("alarm state must be one of " + STATES + ", was " + state);
        }
    }

    private final SimRegion region;
    /** By name. */
    final Map<String, Alarm> alarms = new TreeMap<>();

    SimCloudWatch(SimRegion region) {
        this.region = region;
    }

    void addAlarm(String name, String state, String reason) {
        if (name == null || name.isBlank() || name.length() > 255) throw new IllegalArgumentException("an alarm name is 1 to 255 characters");
        if (alarms.containsKey(name)) throw new IllegalArgumentException("alarm " + name + " already exists");
        if (!STATES.contains(state)) throw new IllegalArgumentException("alarm state must be one of " + STATES + ", was " + state);
        alarms.put(name, new Alarm(name, region.arn("cloudwatch", "alarm:" + name), state, reason, region.now()));
    }

    void schedule(String name, Change change) {
        Alarm alarm = alarms.get(name);
        if (alarm == null) throw new IllegalArgumentException("no alarm " + name);
        alarm.changes.add(change);
        alarm.changes.sort((x, y) -> x.at().compareTo(y.at()));
        alarm.advanceTo(region.now());
    }

    @Override
    public List<AlarmInfo> describeAlarms(List<String> names) {
        String op = "cloudwatch:DescribeAlarms";
        return region.call(op, false, () -> {
            if (names.size() > NAMES_PER_CALL) {
                throw ServiceSettings.invalid(op, "The collection AlarmNames must not have more than " + NAMES_PER_CALL + " items");
            }
            Instant now = region.now();
            List<AlarmInfo> found = new ArrayList<>();
            for (String name : names.stream().distinct().sorted().toList()) {
                Alarm alarm = alarms.get(name);
                if (alarm == null) continue;
                alarm.advanceTo(now);
                found.add(alarm.info());
            }
            return found;
        });
    }

    /** Whether the alarm is in ALARM now (ECS's own blue/green watches its deployment's alarms); an unknown alarm is not. */
    boolean firing(String name) {
        Alarm alarm = alarms.get(name);
        if (alarm == null) return false;
        alarm.advanceTo(region.now());
        return AlarmInfo.ALARM.equals(alarm.state);
    }
}
