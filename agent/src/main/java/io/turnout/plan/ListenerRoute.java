package io.turnout.plan;

import java.util.Optional;

/**
 * Where a swap changes the forward action: a listener's default action, or one rule on it.
 *
 * @param listenerArn  the listener
 * @param port         its port, for people
 * @param ruleArn      the rule whose action changes, when the spec uses rules
 * @param rulePriority its priority, for people
 */
public record ListenerRoute(String listenerArn, int port, Optional<String> ruleArn, Optional<Integer> rulePriority) {
    public String describe() {
        return rulePriority.map(p -> "rule " + p + " on listener " + port).orElse("listener " + port);
    }
}
