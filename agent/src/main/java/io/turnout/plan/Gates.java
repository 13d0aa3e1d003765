package io.turnout.plan;

import io.turnout.spec.AlarmGate;
import io.turnout.spec.ApprovalGate;
import io.turnout.spec.Verification;
import java.time.Duration;
import java.util.Optional;

/** The steps a service's gates and hooks add to its plan, the same for every strategy. */
final class Gates {
    private Gates() {
    }

    /** The pre-deploy task, when the service has one: run with {@code td} before {@code beforeEcsServiceName} scales up. */
    static Optional<Step> hook(DesiredService desired, String cluster, String beforeEcsServiceName, TaskDefinitionRef td) {
        return desired.spec().hooks().beforeDeploy().map(task -> new RunHook(desired.name(), cluster, beforeEcsServiceName,
                td, task, desired.settings()));
    }

    /** The approval gate, when the verification requires one. */
    static Optional<Step> approval(String service, String ecsServiceName, Verification verification) {
        ApprovalGate gate = verification.approvalGate();
        return gate.required() ? Optional.of(new AwaitApproval(service, ecsServiceName, gate.timeout())) : Optional.empty();
    }

    /** Watching the alarms once production moved, when there are alarms and a window to watch them in. */
    static Optional<Step> watch(String service, String ecsServiceName, Verification verification) {
        AlarmGate alarms = verification.alarmGate();
        Duration window = alarms.watchAfterSwap(verification.bakeTime());
        if (alarms.isEmpty() || window.isZero()) return Optional.empty();
        return Optional.of(new WatchAlarms(service, ecsServiceName, alarms, window));
    }
}
