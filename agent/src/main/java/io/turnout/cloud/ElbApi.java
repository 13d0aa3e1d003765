package io.turnout.cloud;

import java.util.List;

/** Elastic Load Balancing v2, as far as Turnout uses it. Operation names in stats are {@code elbv2:<Operation>}. */
public interface ElbApi {
    /** DescribeLoadBalancers by name; LoadBalancerNotFound (NOT_FOUND) if any name is missing, as AWS does. */
    List<LoadBalancerInfo> describeLoadBalancers(List<String> names);

    /** DescribeListeners of one load balancer, all pages. */
    List<ListenerInfo> describeListeners(String loadBalancerArn);

    /** DescribeRules of one listener (the default rule included, priority "default"). ListenerNotFound when absent. */
    List<RuleInfo> describeRules(String listenerArn);

    /** DescribeTargetGroups by name; TargetGroupNotFound (NOT_FOUND) if any name is missing. */
    List<TargetGroupInfo> describeTargetGroups(List<String> names);

    /** DescribeTargetGroups for one load balancer ARN: every target group attached to it. */
    List<TargetGroupInfo> describeTargetGroupsOf(String loadBalancerArn);

    /** DescribeTargetHealth of one target group. */
    List<TargetHealthInfo> describeTargetHealth(String targetGroupArn);

    /** ModifyListener: the default action becomes "forward to {@code targetGroupArn}". */
    void modifyListener(String listenerArn, String targetGroupArn);

    /** ModifyRule: the rule's action becomes "forward to {@code targetGroupArn}"; conditions unchanged. */
    void modifyRule(String ruleArn, String targetGroupArn);

    /** RegisterTargets (ip targets). ECS does this for its tasks; tests against emulators do it by hand. */
    void registerTargets(String targetGroupArn, List<TargetHealthInfo.Target> targets);

    /** DeregisterTargets. */
    void deregisterTargets(String targetGroupArn, List<TargetHealthInfo.Target> targets);
}
