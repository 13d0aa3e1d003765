package io.turnout.spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What must hold before production traffic moves to a slot.
 *
 * @param healthyTargets every target of the stage target group healthy (ELB mode; default true)
 * @param httpChecks     requests sent through the stage listener
 * @param bakeTime       how long the slot must stay healthy before the swap (default 0)
 * @param task           optional one-off task that must exit 0
 * @param alarms         CloudWatch alarms that must stay OK; empty: not set in this block (a
 *                       service's block then takes the environment's, see {@link #over})
 * @param approval       whether a person approves before production moves; empty: not set here
 */
public record Verification(boolean healthyTargets, List<HttpCheck> httpChecks, Duration bakeTime,
                           Optional<TaskCheck> task, Optional<AlarmGate> alarms, Optional<ApprovalGate> approval) {
    public static final Verification DEFAULT = new Verification(true, List.of(), Duration.ZERO, Optional.empty());

    public Verification {
        httpChecks = List.copyOf(httpChecks);
    }

    /** Without alarm and approval gates. */
    public Verification(boolean healthyTargets, List<HttpCheck> httpChecks, Duration bakeTime, Optional<TaskCheck> task) {
        this(healthyTargets, httpChecks, bakeTime, task, Optional.empty(), Optional.empty());
    }

    /**
     * This block (a service's) over the environment's {@code defaults}: the checks are this
     * block's, and the gates it does not set (alarms, approval) are the environment's, so that an
     * environment-wide safety net is not lost when a service writes its own HTTP checks.
     */
    public Verification over(Verification defaults) {
        return new Verification(healthyTargets, httpChecks, bakeTime, task, alarms.or(defaults::alarms),
                approval.or(defaults::approval));
    }

    /** Whether this block sets an alarm or approval gate. */
    public boolean hasGates() {
        return alarms.isPresent() || approval.isPresent();
    }

    /** The alarm gate in force (none when unset). */
    public AlarmGate alarmGate() {
        return alarms.orElse(new AlarmGate(List.of(), AlarmGate.MissingData.FAIL, Optional.empty()));
    }

    /** The approval gate in force (none when unset). */
    public ApprovalGate approvalGate() {
        return approval.orElse(ApprovalGate.NONE);
    }
}
