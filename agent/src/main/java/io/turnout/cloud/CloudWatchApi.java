package io.turnout.cloud;

import java.util.List;

/** Amazon CloudWatch, as far as Turnout uses it: the alarm gates of a deployment. Operations are {@code cloudwatch:<Operation>}. */
public interface CloudWatchApi {
    /** AWS's limit on {@code AlarmNames} in one DescribeAlarms request. */
    int NAMES_PER_CALL = 100;

    /**
     * DescribeAlarms of at most {@link #NAMES_PER_CALL} alarm names (more is an INVALID_REQUEST,
     * as in AWS), metric and composite alarms; names that do not exist are simply left out.
     */
    List<AlarmInfo> describeAlarms(List<String> names);
}
