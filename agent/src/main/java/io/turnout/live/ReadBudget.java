package io.turnout.live;

/**
 * How fast the reader may call one AWS service's read APIs: a token bucket ({@code ratePerSecond}
 * refill, {@code burst} capacity, as AWS describes its own throttling) and at most
 * {@code concurrency} calls in flight. The reader stays inside the bucket instead of being
 * throttled by AWS, which would cost a ThrottlingException, a back-off and a retry per call.
 *
 * <p>The defaults are AWS's documented per-account, per-Region defaults. Other tools in the same
 * account draw from the same buckets, so the reader takes what AWS allows in one second and no
 * more; lower the numbers in configuration when the account is busy, raise them after a quota
 * increase.
 *
 * @param service       the stats prefix of the API ({@code ecs}, {@code elbv2}, {@code route53})
 * @param ratePerSecond tokens added per second (the sustained rate)
 * @param burst         the bucket's capacity (the most calls in any one second)
 * @param concurrency   calls in flight at once
 */
public record ReadBudget(String service, double ratePerSecond, int burst, int concurrency) {
    /**
     * Amazon ECS: "Request throttling for the Amazon ECS API"
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html) gives
     * cluster read actions such as DescribeClusters a bucket of 50 tokens refilled at 20 per second.
     * Turnout applies that bucket to all its ECS reads (DescribeServices, DescribeTaskDefinition):
     * the conservative choice, as the page lists other read groups with at least that budget.
     */
    public static final ReadBudget ECS = new ReadBudget("ecs", 20, 50, 10);
    /**
     * Elastic Load Balancing v2: "Request throttling for the ELB API"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html):
     * non-mutating (Describe*) actions share a bucket of 40 tokens refilled at 10 per second.
     */
    public static final ReadBudget ELB = new ReadBudget("elbv2", 10, 40, 10);
    /**
     * Amazon Route 53: "Throttling Amazon Route 53 API requests"
     * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/throttling-api-requests.html):
     * all API requests of an account share a bucket of 50 tokens refilled at 10 per second (the
     * page replaced the older flat "five requests per second per account").
     */
    public static final ReadBudget ROUTE53 = new ReadBudget("route53", 10, 50, 5);
    /**
     * Amazon CloudWatch: "CloudWatch service quotas"
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html) gives
     * DescribeAlarms 9 transactions per second per account and Region, with no burst documented:
     * a bucket of 9 refilled at 9 per second. The alarm gates of a deployment read through it.
     */
    public static final ReadBudget CLOUDWATCH = new ReadBudget("cloudwatch", 9, 9, 3);

    public ReadBudget {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("a read budget names its service");
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException(service + ": ratePerSecond must be positive, was " + ratePerSecond);
        if (burst < 1) throw new IllegalArgumentException(service + ": burst must be at least 1, was " + burst);
        if (concurrency < 1) throw new IllegalArgumentException(service + ": concurrency must be at least 1, was " + concurrency);
    }

    /** No rate limit (for the simulated cloud and tests); {@code concurrency} calls at once. */
    public static ReadBudget unlimited(String service, int concurrency) {
        return new ReadBudget(service, Double.MAX_VALUE, Integer.MAX_VALUE, concurrency);
    }
}
