package io.turnout.cloud;

import java.util.List;

/** A target group: its port and protocol, its target type (ip for Fargate) and the load balancers using it. */
public record TargetGroupInfo(String arn, String name, int port, String protocol, String targetType,
                              List<String> loadBalancerArns) {
    public TargetGroupInfo {
        loadBalancerArns = List.copyOf(loadBalancerArns);
    }
}
