package io.turnout.cloud.sim;

import io.turnout.cloud.AutoScalingApi;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Simulated Application Auto Scaling for ECS services. The scalable target's bounds are
 * enforced on the service's desired count by {@link DeploymentEngine}, as AWS does.
 */
final class SimAutoScaling implements AutoScalingApi {
    private static final String DIMENSION = "ecs:service:DesiredCount";
    private static final Set<String> POLICY_TYPES = Set.of("TargetTrackingScaling", "StepScaling");

    private final SimRegion region;
    final Map<String, ScalableTargetInfo> targets = new TreeMap<>();
    /** By resource id, then policy name. */
    final Map<String, Map<String, ScalingPolicyInfo>> policies = new TreeMap<>();

    SimAutoScaling(SimRegion region) {
        this.region = region;
    }

    Optional<ScalableTargetInfo> target(String resourceId) {
        return Optional.ofNullable(targets.get(resourceId));
    }

    @Override
    public List<ScalableTargetInfo> describeScalableTargets(List<String> resourceIds) {
        String op = "application-autoscaling:DescribeScalableTargets";
        return region.call(op, false, () -> {
            if (resourceIds.size() > 50) {
                throw SimErrors.invalid("ValidationException", op, "ResourceIds can have at most 50 items, got " + resourceIds.size());
            }
            // AWS: at most 50 scalable targets per page
            if (resourceIds.isEmpty()) return region.paged(op, 50, List.copyOf(targets.values()));
            return resourceIds.stream().distinct().map(targets::get).filter(t -> t != null).toList();
        });
    }

    @Override
    public List<ScalingPolicyInfo> describeScalingPolicies(String resourceIdOrNull) {
        // AWS: at most 10 policies per page (MaxResults 1-10), so an unfiltered read of many is many calls
        String op = "application-autoscaling:DescribeScalingPolicies";
        return region.call(op, false, () -> region.paged(op, 10, policies.entrySet().stream()
                .filter(e -> resourceIdOrNull == null || e.getKey().equals(resourceIdOrNull))
                .flatMap(e -> e.getValue().values().stream()).toList()));
    }

    @Override
    public void registerScalableTarget(ScalableTargetInfo target) {
        String op = "application-autoscaling:RegisterScalableTarget";
        region.run(op, true, () -> {
            checkService(op, target.resourceId());
            if (target.minCapacity() < 0 || target.minCapacity() > target.maxCapacity()) {
                throw SimErrors.invalid("ValidationException", op,
                        "Minimum capacity must be >= 0 and cannot be greater than maximum capacity");
            }
            targets.put(target.resourceId(), target);
        });
    }

    @Override
    public void deregisterScalableTarget(String resourceId) {
        String op = "application-autoscaling:DeregisterScalableTarget";
        region.run(op, true, () -> {
            if (targets.remove(resourceId) == null) throw noTarget(op, resourceId);
            policies.remove(resourceId); // its policies go with it
        });
    }

    @Override
    public void putScalingPolicy(ScalingPolicyInfo policy) {
        String op = "application-autoscaling:PutScalingPolicy";
        region.run(op, true, () -> {
            if (!targets.containsKey(policy.resourceId())) throw noTarget(op, policy.resourceId());
            if (!POLICY_TYPES.contains(policy.policyType())) {
                throw SimErrors.invalid("ValidationException", op, "PolicyType must be TargetTrackingScaling or StepScaling, was "
                        + policy.policyType());
            }
            if (policy.policyName() == null || policy.policyName().isBlank()) {
                throw SimErrors.invalid("ValidationException", op, "PolicyName must not be empty");
            }
            policies.computeIfAbsent(policy.resourceId(), k -> new TreeMap<>()).put(policy.policyName(), policy);
        });
    }

    @Override
    public void deleteScalingPolicy(String policyName, String resourceId) {
        String op = "application-autoscaling:DeleteScalingPolicy";
        region.run(op, true, () -> {
            Map<String, ScalingPolicyInfo> of = policies.get(resourceId);
            if (of == null || of.remove(policyName) == null) {
                throw SimErrors.notFound("ObjectNotFoundException", op, "No scaling policy found for service namespace: ecs,"
                        + " resource ID: " + resourceId + ", scalable dimension: " + DIMENSION + ", policy name: " + policyName);
            }
        });
    }

    /** AWS validates that the ECS service exists when a scalable target is registered for it. */
    private void checkService(String op, String resourceId) {
        String[] parts = resourceId == null ? new String[0] : resourceId.split("/");
        boolean exists = parts.length == 3 && parts[0].equals("service")
                && region.ecs.services.getOrDefault(parts[1], Map.of()).containsKey(parts[2])
                && "ACTIVE".equals(region.ecs.services.get(parts[1]).get(parts[2]).status);
        if (!exists) throw SimErrors.invalid("ValidationException", op, "ECS service doesn't exist: " + resourceId);
    }

    private static CloudException noTarget(String op, String resourceId) {
        return SimErrors.notFound("ObjectNotFoundException", op, "No scalable target registered for service namespace: ecs,"
                + " resource ID: " + resourceId + ", scalable dimension: " + DIMENSION);
    }
}
