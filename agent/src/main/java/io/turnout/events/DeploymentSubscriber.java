package io.turnout.events;

/**
 * Receives every {@link DeploymentEvent} published on a {@link DeploymentEvents} it subscribed to,
 * synchronously on the publishing thread and in publishing order. An exception thrown here reaches
 * the publisher (the ledger's record must not be lost silently); a subscriber that must never delay
 * or fail a deployment (a notifier calling a webhook) hands the event to its own thread instead.
 */
@FunctionalInterface
public interface DeploymentSubscriber {
    void on(DeploymentEvent event);
}
