package io.turnout.cloud.contract;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Creates what Turnout expects to exist and never creates itself (cluster, load balancer,
 * listeners, rules, target groups, zone, namespace, Cloud Map services), the way an operator's
 * CloudFormation would: through the simulator's set-up methods, or the raw AWS SDK.
 */
interface Infrastructure {
    void cluster(String name);

    /** An ip target group on HTTP:{@code port}. */
    void targetGroup(String name, int port);

    /** An application load balancer. */
    void loadBalancer(String name);

    /** An HTTP listener forwarding to {@code targetGroup}. */
    void listener(String loadBalancer, int port, String targetGroup);

    /** A path-pattern rule on the listener at {@code port}, forwarding to {@code targetGroup}. */
    void rule(String loadBalancer, int port, int priority, String pathPattern, String targetGroup);

    /** A private hosted zone; {@code name} with the final dot. */
    void privateZone(String name);

    /** A private DNS namespace. */
    void namespace(String name);

    void cloudMapService(String namespace, String name);

    /**
     * A CodeDeploy application (compute platform ECS) and its deployment group for {@code service}
     * of {@code cluster}: the two target groups (production's first), the production and test
     * listeners by port on {@code loadBalancer}, CodeDeployDefault.ECSAllAtOnce, auto rollback on.
     */
    void codeDeployGroup(String application, String group, String cluster, String service, List<String> targetGroups,
                         String loadBalancer, int prodPort, int testPort);

    /** A CloudWatch metric alarm (OK until it fires). */
    void alarm(String name);

    /** CreateService settings this cloud accepts for a Fargate service (subnets and groups that exist). */
    JsonNode fargateSettings();
}
