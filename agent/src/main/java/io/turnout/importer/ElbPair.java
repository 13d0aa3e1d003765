package io.turnout.importer;

import java.util.Optional;

/**
 * The blue/green shape a load balancer gives a target group: a prod route (listener default
 * action, or a rule) forwarding to it, a stage route forwarding to a second target group (or to
 * the same one, Harness's "scenario 2", when exactly one other group is free to take the
 * second slot), on one load balancer.
 *
 * @param prodTargetGroup  the group production forwards to (slot a: the serving service's)
 * @param otherTargetGroup the second group: the other slot's
 */
record ElbPair(String loadBalancer, int prodListenerPort, int stageListenerPort, Optional<Integer> prodRulePriority,
               Optional<Integer> stageRulePriority, TargetGroupRef prodTargetGroup, TargetGroupRef otherTargetGroup) {

    /** A target group by ARN and name, with its own port. */
    record TargetGroupRef(String arn, String name, int port) {
        /** The name in a target group ARN ({@code arn:…:targetgroup/<name>/<id>}). */
        static String nameOf(String arn) {
            String[] parts = arn.split("/");
            return parts.length >= 3 ? parts[parts.length - 2] : arn;
        }
    }
}
