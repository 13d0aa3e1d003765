package io.turnout.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one stream of deployment events of a process: the reconcile core and {@code turnout apply}
 * publish, subscribers ({@code ledger.StatusBoard}, {@code metrics.DeploymentMetrics}, notifiers)
 * receive. Publishing is synchronous: when {@link #publish} returns, every subscriber has seen the
 * event. Safe for several environments publishing at once; one environment's events arrive in order.
 */
public final class DeploymentEvents {
    private final List<DeploymentSubscriber> subscribers = new CopyOnWriteArrayList<>();

    /** Adds {@code subscriber}; it receives the events published from now on, after those subscribed before it. */
    public DeploymentEvents subscribe(DeploymentSubscriber subscriber) {
        subscribers.add(subscriber);
        return this;
    }

    public void unsubscribe(DeploymentSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public void publish(DeploymentEvent event) {
        for (DeploymentSubscriber subscriber : subscribers) subscriber.on(event);
    }
}
