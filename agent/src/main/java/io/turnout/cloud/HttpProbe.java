package io.turnout.cloud;

import java.net.URI;
import java.time.Duration;

/**
 * Sends one verification request (an {@code httpChecks} entry) through the stage listener.
 * {@link JavaHttpProbe} does it for real; {@link SimulatedHttpProbe} answers from the
 * simulated load balancer's target health.
 */
public interface HttpProbe {
    /** The answer, or status 0 and the error in {@code body} when no answer came (timeout, refused). */
    Response get(URI uri, Duration timeout);

    record Response(int status, String body) {
        public boolean answered() {
            return status > 0;
        }
    }
}
