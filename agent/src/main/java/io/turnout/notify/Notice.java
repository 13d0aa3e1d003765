package io.turnout.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One thing people are told about one environment.
 *
 * @param commit   the spec commit, when there is one
 * @param subject  its subject line ("" when unknown)
 * @param author   its author ("" when unknown)
 * @param services the services concerned, sorted
 * @param detail   one line: the plan summary, the failure, the drift, what waits
 * @param link     the environment's section of the status page, when the agent knows its URL
 */
public record Notice(Kind kind, String environment, Instant at, Optional<String> commit, String subject, String author,
                     List<String> services, String detail, Optional<String> link) {
    /** What happened; {@link #event()} is the name webhooks and configuration use. */
    public enum Kind {
        STARTED("started", "Deployment started"),
        APPLIED("applied", "Deployed"),
        FAILED("failed", "Deployment failed"),
        ROLLED_BACK("rolled-back", "Deployment rolled back"),
        DRIFT("drift", "Drift found"),
        WAITING_FOR_APPROVAL("waiting-for-approval", "Waiting for approval");

        private final String event;
        private final String title;

        Kind(String event, String title) {
            this.event = event;
            this.title = title;
        }

        public String event() {
            return event;
        }

        public String title() {
            return title;
        }

        public static Kind fromEvent(String event) {
            for (Kind k : values()) if (k.event.equals(event)) return k;
            throw new IllegalArgumentException("unknown notification event '" + event + "'; known: started, applied, failed,"
                    + " rolled-back, drift, waiting-for-approval");
        }
    }

    public Notice {
        services = List.copyOf(services);
    }
}
