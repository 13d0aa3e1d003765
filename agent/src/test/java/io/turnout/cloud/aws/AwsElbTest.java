package io.turnout.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** Which target group a listener or rule forwards to, from its actions. */
class AwsElbTest {
    private static final String A = "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web-a/0123456789abcdef";
    private static final String B = "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web-b/fedcba9876543210";

    @Test
    void classicForward() {
        assertEquals(A, AwsElb.forwardTarget(List.of(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(A).build())));
    }

    @Test
    void forwardConfigWithOneGroup() {
        // AWS describes a classic forward with both TargetGroupArn and a one-group ForwardConfig.
        Action a = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(A)
                .forwardConfig(f -> f.targetGroups(TargetGroupTuple.builder().targetGroupArn(A).weight(1).build())).build();
        assertEquals(A, AwsElb.forwardTarget(List.of(a)));
        Action onlyConfig = Action.builder().type(ActionTypeEnum.FORWARD)
                .forwardConfig(f -> f.targetGroups(TargetGroupTuple.builder().targetGroupArn(B).build())).build();
        assertEquals(B, AwsElb.forwardTarget(List.of(onlyConfig)));
    }

    @Test
    void weightedForwardToTwoGroupsIsNotASingleTarget() {
        Action a = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(A).weight(90).build(),
                TargetGroupTuple.builder().targetGroupArn(B).weight(10).build())).build();
        assertNull(AwsElb.forwardTarget(List.of(a)));
    }

    @Test
    void fixedResponseIsNoForwardAndAuthenticationBeforeForwardIsSkipped() {
        assertNull(AwsElb.forwardTarget(List.of(Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
                .fixedResponseConfig(f -> f.statusCode("404")).build())));
        assertEquals(B, AwsElb.forwardTarget(List.of(
                Action.builder().type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1).build(),
                Action.builder().type(ActionTypeEnum.FORWARD).order(2).targetGroupArn(B).build())));
        assertNull(AwsElb.forwardTarget(List.of()));
    }
}
