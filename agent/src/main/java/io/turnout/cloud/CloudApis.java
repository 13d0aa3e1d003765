package io.turnout.cloud;

/** A {@link CloudGateway} made of its parts: the record's accessors are the gateway's methods. */
public record CloudApis(EcsApi ecs, ElbApi elb, Route53Api route53, CloudMapApi cloudMap, AutoScalingApi autoScaling,
                        CodeDeployApi codeDeploy, CloudWatchApi cloudWatch, CallStats stats)
        implements CloudGateway {
}
