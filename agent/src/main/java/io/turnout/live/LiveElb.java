package io.turnout.live;

import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import java.util.Optional;

/**
 * ELB traffic now. {@code prodRule}/{@code stageRule} are present when the spec uses
 * listener rules. The production slot is the one whose target group the prod rule (or,
 * without rules, the prod listener's default action) forwards to.
 */
public record LiveElb(LoadBalancerInfo loadBalancer, ListenerInfo prodListener, ListenerInfo stageListener,
                      Optional<RuleInfo> prodRule, Optional<RuleInfo> stageRule,
                      SlotPair<TargetGroupInfo> targetGroups) implements LiveTraffic {

    /** The target group ARN production forwards to now (rule first, else listener default), or null. */
    public String prodTargetGroupArn() {
        return prodRule.map(RuleInfo::forwardTargetGroupArn).orElse(prodListener.forwardTargetGroupArn());
    }

    /** The target group ARN the stage path forwards to now, or null. */
    public String stageTargetGroupArn() {
        return stageRule.map(RuleInfo::forwardTargetGroupArn).orElse(stageListener.forwardTargetGroupArn());
    }

    @Override
    public Optional<Slot> productionSlot() {
        return Optional.ofNullable(targetGroups.map(TargetGroupInfo::arn).slotOf(prodTargetGroupArn()));
    }
}
