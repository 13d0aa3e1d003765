package io.turnout.cloud.contract;

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

    /** CreateService settings this cloud accepts for a Fargate service (subnets and groups that exist). */
    JsonNode fargateSettings();
}
