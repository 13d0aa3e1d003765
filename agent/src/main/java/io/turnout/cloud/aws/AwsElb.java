package io.turnout.cloud.aws;

import io.turnout.cloud.ElbApi;
import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.cloud.TargetHealthInfo;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** {@link ElbApi} over the SDK's {@link ElasticLoadBalancingV2Client}. */
final class AwsElb implements ElbApi {
    private final ElasticLoadBalancingV2Client elb;
    private final AwsCalls calls;

    AwsElb(ElasticLoadBalancingV2Client elb, AwsCalls calls) {
        this.elb = elb;
        this.calls = calls;
    }

    @Override
    public List<LoadBalancerInfo> describeLoadBalancers(List<String> names) {
        // An empty Names list would describe every load balancer of the account.
        if (names.isEmpty()) return List.of();
        return calls.run("DescribeLoadBalancers", "load balancers " + names,
                () -> elb.describeLoadBalancersPaginator(r -> r.names(names)).loadBalancers().stream()
                        .map(lb -> new LoadBalancerInfo(lb.loadBalancerArn(), lb.loadBalancerName(), lb.typeAsString(),
                                lb.dnsName()))
                        .toList());
    }

    @Override
    public List<ListenerInfo> describeListeners(String loadBalancerArn) {
        return calls.run("DescribeListeners", "listeners of load balancer " + loadBalancerArn,
                () -> elb.describeListenersPaginator(r -> r.loadBalancerArn(loadBalancerArn)).listeners().stream()
                        .map(l -> new ListenerInfo(l.listenerArn(), l.loadBalancerArn(), l.port() == null ? 0 : l.port(),
                                l.protocolAsString(), forwardTarget(l.defaultActions())))
                        .toList());
    }

    @Override
    public List<RuleInfo> describeRules(String listenerArn) {
        return calls.run("DescribeRules", "rules of listener " + listenerArn,
                () -> elb.describeRulesPaginator(r -> r.listenerArn(listenerArn)).rules().stream()
                        .map(rule -> new RuleInfo(rule.ruleArn(), listenerArn, rule.priority(),
                                Boolean.TRUE.equals(rule.isDefault()), forwardTarget(rule.actions())))
                        .toList());
    }

    @Override
    public List<TargetGroupInfo> describeTargetGroups(List<String> names) {
        if (names.isEmpty()) return List.of();
        return calls.run("DescribeTargetGroups", "target groups " + names,
                () -> elb.describeTargetGroupsPaginator(r -> r.names(names)).targetGroups().stream()
                        .map(AwsElb::info).toList());
    }

    @Override
    public List<TargetGroupInfo> describeTargetGroupsOf(String loadBalancerArn) {
        return calls.run("DescribeTargetGroups", "target groups of load balancer " + loadBalancerArn,
                () -> elb.describeTargetGroupsPaginator(r -> r.loadBalancerArn(loadBalancerArn)).targetGroups().stream()
                        .map(AwsElb::info).toList());
    }

    @Override
    public List<TargetHealthInfo> describeTargetHealth(String targetGroupArn) {
        // DescribeTargetHealth is not paginated: it answers every registered target at once.
        return calls.run("DescribeTargetHealth", "targets of target group " + targetGroupArn,
                () -> elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions().stream()
                        .map(d -> new TargetHealthInfo(
                                new TargetHealthInfo.Target(d.target().id(), d.target().port() == null ? 0 : d.target().port()),
                                d.targetHealth() == null ? null : d.targetHealth().stateAsString(),
                                d.targetHealth() == null ? null : d.targetHealth().reasonAsString()))
                        .toList());
    }

    @Override
    public void modifyListener(String listenerArn, String targetGroupArn) {
        // The default actions are replaced as a whole: a single forward, as Turnout's swap needs.
        calls.runVoid("ModifyListener", "listener " + listenerArn + " -> target group " + targetGroupArn,
                () -> elb.modifyListener(r -> r.listenerArn(listenerArn).defaultActions(forward(targetGroupArn))));
    }

    @Override
    public void modifyRule(String ruleArn, String targetGroupArn) {
        // ModifyRule without Conditions leaves the rule's conditions as they are (AWS semantics).
        calls.runVoid("ModifyRule", "rule " + ruleArn + " -> target group " + targetGroupArn,
                () -> elb.modifyRule(r -> r.ruleArn(ruleArn).actions(forward(targetGroupArn))));
    }

    @Override
    public void registerTargets(String targetGroupArn, List<TargetHealthInfo.Target> targets) {
        calls.runVoid("RegisterTargets", "target group " + targetGroupArn,
                () -> elb.registerTargets(r -> r.targetGroupArn(targetGroupArn).targets(toSdk(targets))));
    }

    @Override
    public void deregisterTargets(String targetGroupArn, List<TargetHealthInfo.Target> targets) {
        calls.runVoid("DeregisterTargets", "target group " + targetGroupArn,
                () -> elb.deregisterTargets(r -> r.targetGroupArn(targetGroupArn).targets(toSdk(targets))));
    }

    /**
     * The one target group a list of actions forwards to, or null. A forward action names its
     * target either as {@code TargetGroupArn} (the classic form) or as a {@code ForwardConfig}
     * with weighted groups (which AWS also fills in when the classic form was used); only a
     * forward to exactly one group counts. Other actions (authenticate-oidc before the forward,
     * for example) are ignored; a fixed response or redirect alone gives null.
     */
    static String forwardTarget(List<Action> actions) {
        for (Action action : actions) {
            if (action.type() != ActionTypeEnum.FORWARD) continue;
            if (action.forwardConfig() != null && !action.forwardConfig().targetGroups().isEmpty()) {
                List<TargetGroupTuple> groups = action.forwardConfig().targetGroups();
                return groups.size() == 1 ? groups.getFirst().targetGroupArn() : null;
            }
            return action.targetGroupArn();
        }
        return null;
    }

    private static Action forward(String targetGroupArn) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
    }

    private static List<TargetDescription> toSdk(List<TargetHealthInfo.Target> targets) {
        return targets.stream().map(t -> TargetDescription.builder().id(t.id()).port(t.port()).build()).toList();
    }

    private static TargetGroupInfo info(TargetGroup tg) {
        return new TargetGroupInfo(tg.targetGroupArn(), tg.targetGroupName(), tg.port() == null ? 0 : tg.port(),
                tg.protocolAsString(), tg.targetTypeAsString(), tg.loadBalancerArns());
    }
}
