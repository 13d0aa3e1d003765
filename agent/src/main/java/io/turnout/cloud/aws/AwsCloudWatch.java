package io.turnout.cloud.aws;

import io.turnout.cloud.CloudWatchApi;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;

/** {@link CloudWatchApi} over the SDK's {@link CloudWatchClient}. */
final class AwsCloudWatch implements CloudWatchApi {
    /** DescribeAlarms takes at most 100 alarm names per call. */
    private static final int NAMES_PER_CALL = 100;

    private final CloudWatchClient cloudWatch;
    private final AwsCalls calls;

    AwsCloudWatch(CloudWatchClient cloudWatch, AwsCalls calls) {
        this.cloudWatch = cloudWatch;
        this.calls = calls;
    }

    @Override
    public List<AlarmInfo> describeAlarms(List<String> names) {
        List<AlarmInfo> alarms = new ArrayList<>();
        for (int i = 0; i < names.size(); i += NAMES_PER_CALL) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + NAMES_PER_CALL));
            calls.runVoid("DescribeAlarms", "alarms " + batch, () -> {
                // both kinds: ECS's deployment alarms may be composite alarms
                for (var page : cloudWatch.describeAlarmsPaginator(r -> r.alarmNames(batch)
                        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM))) {
                    page.metricAlarms().forEach(a -> alarms.add(new AlarmInfo(a.alarmName(), a.stateValueAsString(), a.stateReason())));
                    page.compositeAlarms().forEach(a -> alarms.add(new AlarmInfo(a.alarmName(), a.stateValueAsString(), a.stateReason())));
                }
            });
        }
        return alarms;
    }
}
