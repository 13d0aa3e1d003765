package io.turnout.cloud;

import java.time.Instant;

/**
 * A CloudWatch alarm as DescribeAlarms returns it (metric alarms and composite alarms alike).
 *
 * @param state       {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}
 * @param stateReason CloudWatch's explanation of the state, for people
 * @param stateSince  when the alarm entered this state
 */
public record AlarmInfo(String name, String arn, String state, String stateReason, Instant stateSince) {
    public static final String OK = "OK";
    public static final String ALARM = "ALARM";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";
}
