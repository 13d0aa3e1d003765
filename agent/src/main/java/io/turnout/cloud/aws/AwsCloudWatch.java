package io.turnout.cloud.aws;

import io.turnout.cloud.AlarmInfo;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudWatchApi;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;

/**
 * {@link CloudWatchApi} over the SDK's {@link CloudWatchClient}. DescribeAlarms is asked for
 * metric AND composite alarms: without {@code AlarmTypes} CloudWatch answers metric alarms only,
 * so a composite alarm named in a spec would look missing (and fail closed) for no reason.
 */
final class AwsCloudWatch implements CloudWatchApi {
    private final CloudWatchClient cloudWatch;
    private final AwsCalls calls;

    AwsCloudWatch(CloudWatchClient cloudWatch, AwsCalls calls) {
        this.cloudWatch = cloudWatch;
        this.calls = calls;
    }

    @Override
    public List<AlarmInfo> describeAlarms(List<String> names) {
        if (names.size() > NAMES_PER_CALL) {
            throw new CloudException(CloudException.Kind.INVALID_REQUEST, "ValidationError", "cloudwatch:DescribeAlarms", 0,
                    "at most " + NAMES_PER_CALL + " alarm names per DescribeAlarms, got " + names.size());
        }
        if (names.isEmpty()) return List.of(); // no names would mean "every alarm of the account"
        return calls.run("DescribeAlarms", "alarms " + names, () -> {
            List<AlarmInfo> alarms = new ArrayList<>();
            for (DescribeAlarmsResponse page : cloudWatch.describeAlarmsPaginator(r -> r.alarmNames(names)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).maxRecords(NAMES_PER_CALL))) {
                page.metricAlarms().forEach(a -> alarms.add(new AlarmInfo(a.alarmName(), a.alarmArn(),
                        a.stateValueAsString(), a.stateReason(), a.stateUpdatedTimestamp())));
                page.compositeAlarms().forEach(a -> alarms.add(new AlarmInfo(a.alarmName(), a.alarmArn(),
                        a.stateValueAsString(), a.stateReason(), a.stateUpdatedTimestamp())));
            }
            return alarms;
        });
    }
}
