package io.turnout.cloud.aws;

import io.turnout.cloud.CallStats;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every SDK call in {@link CallStats} as {@code <service>:<Operation>}
 * ({@code ecs:DescribeServices}).
 *
 * <p>Counted in {@code beforeExecution}, which runs once per API call: each page of a
 * paginated read is a call, but the SDK's own retries of a throttled or failed attempt are
 * not counted again. The numbers therefore say how many requests Turnout asked for (what the
 * simulated cloud counts too), not how many HTTP attempts reached AWS.
 */
final class CallCounter implements ExecutionInterceptor {
    private final String service;
    private final CallStats stats;

    CallCounter(String service, CallStats stats) {
        this.service = service;
        this.stats = stats;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        stats.record(service + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
}
