package io.turnout.cloud;

/** The AWS APIs one environment is read and changed through, already bound to its region and credentials. */
public interface CloudGateway {
    EcsApi ecs();

    ElbApi elb();

    Route53Api route53();

    CloudMapApi cloudMap();

    AutoScalingApi autoScaling();

    CodeDeployApi codeDeploy();

    CloudWatchApi cloudWatch();

    /** Calls made so far, by AWS operation name ({@code ecs:DescribeServices}). */
    CallStats stats();
}
