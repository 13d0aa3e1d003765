package io.turnout.state;

import java.time.Instant;

/**
 * Who holds an environment's lease.
 *
 * @param who   the process, for people: {@code turnout agent on ip-10-0-1-23 (pid 1)}, {@code turnout apply by alice on laptop (pid 4242)}
 * @param since when it took the lease
 * @param until when the lease runs out unless renewed (a live holder renews it; a dead one's runs out then)
 */
public record LeaseHolder(String who, Instant since, Instant until) {
    /** One line for people: who, since when, and until when the lease lasts without renewal. */
    public String describe() {
        return who + " (since " + since + ", lease renewed until " + until + ")";
    }
}
