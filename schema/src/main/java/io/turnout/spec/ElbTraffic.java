package io.turnout.spec;

import java.util.Optional;

/**
 * ELB mode: a load balancer (by name) with a prod and a stage listener (by port), optional
 * listener rules on them (by priority), and two target groups (by name), one per slot.
 * {@code containerName}/{@code containerPort} say which container port the target groups
 * send traffic to, as in the CreateService {@code loadBalancers} field.
 */
public record ElbTraffic(String loadBalancer, int prodListenerPort, int stageListenerPort,
                         Optional<ListenerRule> prodRule, Optional<ListenerRule> stageRule,
                         SlotPair<String> targetGroups, String containerName, int containerPort) implements Traffic {
    @Override
    public String mode() {
        return "elb";
    }
}
