package io.turnout.spec;

/**
 * A listener rule, identified the way people identify it in the console: by its priority on
 * the listener. When set, the swap changes the rule's forward action instead of the
 * listener's default action.
 */
public record ListenerRule(int priority) {}
