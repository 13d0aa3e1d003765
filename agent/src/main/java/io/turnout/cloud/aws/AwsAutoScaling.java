package io.turnout.cloud.aws;

import io.turnout.cloud.AutoScalingApi;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PredictiveScalingPolicyConfiguration;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@link AutoScalingApi} over the SDK's {@link ApplicationAutoScalingClient}, always in the
 * {@code ecs} namespace and the {@code ecs:service:DesiredCount} dimension. Policy
 * configurations are JSON in Application Auto Scaling's own PascalCase member names.
 */
final class AwsAutoScaling implements AutoScalingApi {
    /** DescribeScalableTargets takes at most 50 resource ids per call. */
    static final int RESOURCE_IDS_PER_CALL = 50;

    private final ApplicationAutoScalingClient scaling;
    private final AwsCalls calls;

    AwsAutoScaling(ApplicationAutoScalingClient scaling, AwsCalls calls) {
        this.scaling = scaling;
        this.calls = calls;
    }

    @Override
    public List<ScalableTargetInfo> describeScalableTargets(List<String> resourceIds) {
        // No ids would mean "every target in the namespace": answer the question asked instead.
        List<ScalableTargetInfo> targets = new ArrayList<>();
        for (int i = 0; i < resourceIds.size(); i += RESOURCE_IDS_PER_CALL) {
            List<String> batch = resourceIds.subList(i, Math.min(resourceIds.size(), i + RESOURCE_IDS_PER_CALL));
            targets.addAll(calls.run("DescribeScalableTargets", "scalable targets " + batch,
                    () -> scaling.describeScalableTargetsPaginator(r -> r.serviceNamespace(ServiceNamespace.ECS)
                                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceIds(batch))
                            .scalableTargets().stream()
                            .map(t -> new ScalableTargetInfo(t.resourceId(), n(t.minCapacity()), n(t.maxCapacity())))
                            .toList()));
        }
        return targets;
    }

    @Override
    public List<ScalingPolicyInfo> describeScalingPolicies(String resourceIdOrNull) {
        String resource = resourceIdOrNull == null ? "scaling policies of namespace ecs"
                : "scaling policies of " + resourceIdOrNull;
        return calls.run("DescribeScalingPolicies", resource,
                () -> scaling.describeScalingPoliciesPaginator(r -> {
                            r.serviceNamespace(ServiceNamespace.ECS);
                            if (resourceIdOrNull != null) {
                                r.resourceId(resourceIdOrNull).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT);
                            }
                        }).scalingPolicies().stream().map(AwsAutoScaling::info).toList());
    }

    @Override
    public void registerScalableTarget(ScalableTargetInfo target) {
        calls.runVoid("RegisterScalableTarget", "scalable target " + target.resourceId(),
                () -> scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(target.resourceId())
                        .minCapacity(target.minCapacity()).maxCapacity(target.maxCapacity())));
    }

    @Override
    public void deregisterScalableTarget(String resourceId) {
        calls.runVoid("DeregisterScalableTarget", "scalable target " + resourceId,
                () -> scaling.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(resourceId)));
    }

    @Override
    public void putScalingPolicy(ScalingPolicyInfo policy) {
        String resource = "scaling policy " + policy.policyName() + " of " + policy.resourceId();
        calls.runVoid("PutScalingPolicy", resource, () -> {
            PutScalingPolicyRequest.Builder b = PutScalingPolicyRequest.builder()
                    .serviceNamespace(ServiceNamespace.ECS).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .resourceId(policy.resourceId()).policyName(policy.policyName()).policyType(policy.policyType());
            JsonNode config = policy.configuration();
            // The configuration member to fill depends on the policy type, as in the API.
            switch (PolicyType.fromValue(policy.policyType())) {
                case TARGET_TRACKING_SCALING -> b.targetTrackingScalingPolicyConfiguration(SdkJson.fromJson(config,
                        TargetTrackingScalingPolicyConfiguration.builder(), "TargetTrackingScalingPolicyConfiguration"));
                case STEP_SCALING -> b.stepScalingPolicyConfiguration(SdkJson.fromJson(config,
                        StepScalingPolicyConfiguration.builder(), "StepScalingPolicyConfiguration"));
                case PREDICTIVE_SCALING -> b.predictiveScalingPolicyConfiguration(SdkJson.fromJson(config,
                        PredictiveScalingPolicyConfiguration.builder(), "PredictiveScalingPolicyConfiguration"));
                default -> throw new IllegalArgumentException("PolicyType: '" + policy.policyType()
                        + "' is not one of TargetTrackingScaling, StepScaling, PredictiveScaling.");
            }
            scaling.putScalingPolicy(b.build());
        });
    }

    @Override
    public void deleteScalingPolicy(String policyName, String resourceId) {
        calls.runVoid("DeleteScalingPolicy", "scaling policy " + policyName + " of " + resourceId,
                () -> scaling.deleteScalingPolicy(r -> r.serviceNamespace(ServiceNamespace.ECS)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .resourceId(resourceId).policyName(policyName)));
    }

    static ScalingPolicyInfo info(ScalingPolicy p) {
        JsonNode config;
        if (p.targetTrackingScalingPolicyConfiguration() != null) {
            config = SdkJson.toJson(p.targetTrackingScalingPolicyConfiguration());
        } else if (p.stepScalingPolicyConfiguration() != null) {
            config = SdkJson.toJson(p.stepScalingPolicyConfiguration());
        } else if (p.predictiveScalingPolicyConfiguration() != null) {
            config = SdkJson.toJson(p.predictiveScalingPolicyConfiguration());
        } else {
            config = JsonNodeFactory.instance.objectNode();
        }
        return new ScalingPolicyInfo(p.policyName(), p.resourceId(), p.policyTypeAsString(), config);
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
