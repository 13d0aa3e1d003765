package io.turnout.state;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record of one environment's deployments, written before and after everything the
 * executor does, so that a process that dies mid-deployment can be resumed or rolled back by
 * the next one ({@code io.turnout.apply.Recovery}). Kept by the {@link StateStore}, one per
 * environment; what the entries mean is the executor's business, the journal only keeps them. Entries are JSON objects with a {@code type}: {@code begin}
 * (the plan's steps), {@code snapshot} (a service's state before any change, for rollback),
 * {@code step-start}, {@code step-end} (with what the step produced, e.g. a task definition
 * ARN), {@code step-failed}, {@code rollback-start}, {@code rollback-end}, {@code end}.
 *
 * <p>Contract: {@link #append} returns only once the entry is durable.
 */
public interface Journal {
    void append(ObjectNode entry);

    /** Every entry, oldest first. */
    List<ObjectNode> entries();
}
