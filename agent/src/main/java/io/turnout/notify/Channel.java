package io.turnout.notify;

import java.io.IOException;

/** Where notices go (Slack, a webhook). {@link #send} throws when the delivery should be tried again. */
public interface Channel {
    /** For logs: the kind and the host, never a secret ("slack hooks.slack.com"). */
    String describe();

    /** Delivers one notice; throws {@link IOException} (or {@link Delivery.Rejected}) when it did not arrive. */
    void send(Notice notice) throws IOException;

    /** Whether this channel wants {@code notice} (its environments and events). */
    boolean wants(Notice notice);
}
