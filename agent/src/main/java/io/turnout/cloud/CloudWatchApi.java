package io.turnout.cloud;

import java.util.List;

/** Amazon CloudWatch alarms, as far as Turnout uses them. Operation names in stats are {@code cloudwatch:<Operation>}. */
public interface CloudWatchApi {
    /** DescribeAlarms of metric and composite alarms by name (100 per page, all pages); missing names are left out. */
    List<AlarmInfo> describeAlarms(List<String> names);

    /** An alarm: its name, state (OK, ALARM, INSUFFICIENT_DATA) and why. */
    record AlarmInfo(String name, String state, String reason) {
        public boolean firing() {
            return "ALARM".equals(state);
        }
    }
}
