package io.turnout.state;

import io.turnout.plan.Plan;
import io.turnout.status.Problem;
import io.turnout.status.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the store holds about one environment besides its journal, history and drift baseline:
 * what the status page and the API show, read in one go.
 *
 * @param syncPolicy  the sync policy of the environment's spec as last seen
 * @param handledHead the head the agent last made a decision about
 * @param headCommit  the branch head at the last poll
 * @param lastPoll    when that poll was made
 * @param liveCommit  what {@code turnout/<env>/live} points at, as last read
 * @param deploying   whether a deployment (or a recovery) runs now
 * @param pendingPlan the plan waiting for a person, or restoring drift
 * @param drift       one line per drifted service
 * @param problem     what keeps the environment from being reconciled, since when, and the next retry
 * @param services    each service's live colours, as last read
 */
public record EnvironmentFacts(Optional<String> syncPolicy, Optional<String> handledHead, Optional<String> headCommit,
                               Optional<Instant> lastPoll, Optional<String> liveCommit, boolean deploying,
                               Optional<Plan> pendingPlan, List<String> drift, Optional<Problem> problem,
                               List<ServiceStatus> services) {
    public static final EnvironmentFacts NONE = new EnvironmentFacts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false, Optional.empty(), List.of(), Optional.empty(), List.of());

    public EnvironmentFacts {
        drift = List.copyOf(drift);
        services = List.copyOf(services);
    }
}
