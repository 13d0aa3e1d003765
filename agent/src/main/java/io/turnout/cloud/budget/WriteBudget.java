package io.turnout.cloud.budget;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How fast the mutating calls of one AWS throttling bucket may be made, per account and Region: a
 * token bucket of {@code burst} tokens refilled at {@code ratePerSecond}, as AWS describes its own
 * throttling, shared by the {@code operations} ({@code ecs:UpdateService}) that draw from it.
 * Turnout stays inside the bucket instead of being throttled, which would cost a
 * ThrottlingException, a back-off and a retry per call — and, for thousands of calls, minutes.
 *
 * <p>{@link #AWS_DEFAULTS} are AWS's per-account, per-Region defaults where AWS publishes them,
 * and conservative figures where it does not ({@code source} says which). Other tools in the same
 * account draw from the same buckets; calls they make count against Turnout's too, and any
 * throttling that still happens is waited out and retried.
 *
 * @param name          what the bucket is, for people ({@code ECS task definition registration})
 * @param operations    the mutating operations it covers, as call statistics name them
 * @param ratePerSecond tokens added per second (the sustained rate)
 * @param burst         the bucket's capacity (the most calls in any one second)
 * @param source        where the figures come from
 */
public record WriteBudget(String name, Set<String> operations, double ratePerSecond, int burst, String source) {
    private static final String ECS_PAGE = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html";
    private static final String ELB_PAGE = "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html";
    private static final String ROUTE53_PAGE = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-requests";
    private static final String CODE_DEPLOY_PAGE = "https://docs.aws.amazon.com/codedeploy/latest/userguide/limits.html";
    private static final String AUTO_SCALING_PAGE =
            "https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-quotas.html";

    /** ECS RegisterTaskDefinition: 20 tokens, 1 per second ("Request throttling for the Amazon ECS API"). */
    public static final WriteBudget ECS_TASK_DEFINITIONS = new WriteBudget("ECS task definition registration",
            Set.of("ecs:RegisterTaskDefinition"), 1, 20, ECS_PAGE);
    /**
     * ECS CreateService, UpdateService and DeleteService (canaries), StopServiceDeployment (strategy
     * {@code ecs}), TagResource and RunTask: held to one bucket of 20 tokens refilled at 5 per second,
     * below each of the service-modification, tagging and task-launch groups of "Request throttling
     * for the Amazon ECS API" — conservative, as one bucket for all.
     */
    public static final WriteBudget ECS_SERVICES = new WriteBudget("ECS service changes, tags and one-off tasks",
            Set.of("ecs:CreateService", "ecs:UpdateService", "ecs:DeleteService", "ecs:StopServiceDeployment", "ecs:TagResource",
                    "ecs:RunTask"), 5, 20, ECS_PAGE);
    /**
     * Elastic Load Balancing v2 ModifyListener, ModifyRule, RegisterTargets, DeregisterTargets: a bucket of
     * 20 refilled at 5 per second, within the mutating-action buckets of "Request throttling for the
     * Elastic Load Balancing API" (which also name ECS's own target registrations, on ECS's buckets).
     */
    public static final WriteBudget ELB = new WriteBudget("ELB listener and rule changes",
            Set.of("elbv2:ModifyListener", "elbv2:ModifyRule", "elbv2:RegisterTargets", "elbv2:DeregisterTargets"), 5, 20,
            ELB_PAGE);
    /** Route 53 ChangeResourceRecordSets: five requests per second per account ("Quotas on API requests"). */
    public static final WriteBudget ROUTE53 = new WriteBudget("Route 53 record changes",
            Set.of("route53:ChangeResourceRecordSets"), 5, 5, ROUTE53_PAGE);
    /**
     * CodeDeploy CreateDeployment and StopDeployment (strategy {@code codeDeploy}): CodeDeploy's quotas
     * page lists deployment counts, not request rates — a conservative bucket of 20 refilled at 5 per second.
     */
    public static final WriteBudget CODE_DEPLOY = new WriteBudget("CodeDeploy deployments",
            Set.of("codedeploy:CreateDeployment", "codedeploy:StopDeployment"), 5, 20, CODE_DEPLOY_PAGE);
    /**
     * Application Auto Scaling publishes no request rates (its quotas page lists resource counts only):
     * a conservative bucket of 20 refilled at 5 per second for the four mutating calls Turnout makes.
     */
    public static final WriteBudget AUTO_SCALING = new WriteBudget("Application Auto Scaling changes",
            Set.of("application-autoscaling:RegisterScalableTarget", "application-autoscaling:DeregisterScalableTarget",
                    "application-autoscaling:PutScalingPolicy", "application-autoscaling:DeleteScalingPolicy"), 5, 20,
            AUTO_SCALING_PAGE);

    /**
     * Every mutating call Turnout makes, by bucket (CloudWatch is only read: DescribeAlarms). AWS Cloud Map is absent: Turnout never writes to it
     * (ECS registers and deregisters the tasks' instances itself, on ECS's own quota), and AWS publishes
     * no rates for it either.
     */
    public static final List<WriteBudget> AWS_DEFAULTS = List.of(ECS_TASK_DEFINITIONS, ECS_SERVICES, ELB, ROUTE53, CODE_DEPLOY,
            AUTO_SCALING);

    public WriteBudget {
        operations = Set.copyOf(operations);
        if (operations.isEmpty()) throw new IllegalArgumentException(name + ": a write budget covers at least one operation");
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException(name + ": ratePerSecond must be positive, was " + ratePerSecond);
        if (burst < 1) throw new IllegalArgumentException(name + ": burst must be at least 1, was " + burst);
    }

    /** The least time {@code calls} calls of this bucket take, all asked for at once: the burst at once, then the rate. */
    public Duration minimumTime(long calls) {
        if (calls <= burst) return Duration.ZERO;
        return Duration.ofNanos((long) Math.ceil((calls - burst) / ratePerSecond * 1e9));
    }

    /** Whether {@code operation} is a mutating call of any of {@code budgets}. */
    public static boolean mutating(List<WriteBudget> budgets, String operation) {
        return budgets.stream().anyMatch(b -> b.operations().contains(operation));
    }
}
