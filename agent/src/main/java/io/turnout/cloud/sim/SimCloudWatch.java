package io.turnout.cloud.sim;

import io.turnout.cloud.CloudWatchApi;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Simulated CloudWatch alarms: the ones a world file defines, OK until a fault fires one ({@link SimulatedFaults#fireAlarm}). */
final class SimCloudWatch implements CloudWatchApi {
    private final SimRegion region;
    final Set<String> alarms = new TreeSet<>();

    SimCloudWatch(SimRegion region) {
        this.region = region;
    }

    @Override
    public List<AlarmInfo> describeAlarms(List<String> names) {
        return region.call("cloudwatch:DescribeAlarms", false, () -> names.stream().distinct().filter(alarms::contains)
                .map(n -> firing(n) ? new AlarmInfo(n, "ALARM", "Threshold Crossed (simulated fault)")
                        : new AlarmInfo(n, "OK", "Threshold not crossed")).toList());
    }

    boolean firing(String name) {
        return region.cloud().faults().alarmFiring(name);
    }
}
