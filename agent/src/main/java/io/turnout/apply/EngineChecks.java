package io.turnout.apply;

import io.turnout.cloud.AlarmInfo;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.spec.Verification;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turnout's verification of a deployment that AWS's own engine carries out: the HTTP checks
 * through the test route (the listener of ECS's test listener rule, or CodeDeploy's test
 * listener), the one-off task with the new task definition, the alarms, then re-checks of the
 * HTTP checks and alarms for the verification's bake time.
 */
final class EngineChecks {
    private final StepContext ctx;
    private final String cluster;
    private final String ecsServiceName;
    private final Verification verification;
    private final Optional<String> endpoint;
    private final List<String> alarms;
    private Instant bakedAt;

    private EngineChecks(StepContext ctx, String cluster, String ecsServiceName, Verification verification,
                         Optional<String> endpoint, List<String> alarms) {
        this.ctx = ctx;
        this.cluster = cluster;
        this.ecsServiceName = ecsServiceName;
        this.verification = verification;
        this.endpoint = endpoint;
        this.alarms = List.copyOf(alarms);
    }

    /** @param testRoute the test listener rule or test listener ARN; HTTP checks are skipped (with a line) without one */
    static EngineChecks of(StepContext ctx, String cluster, String ecsServiceName, Verification verification,
                           Optional<String> testRoute, List<String> alarms) {
        Optional<String> endpoint = verification.httpChecks().isEmpty() ? Optional.empty() : testRoute.flatMap(r -> endpoint(ctx, r));
        return new EngineChecks(ctx, cluster, ecsServiceName, verification, endpoint, alarms);
    }

    boolean started() {
        return bakedAt != null;
    }

    /** The first, full verification: HTTP checks, the one-off task, the alarms. Throws a {@link StepFailure} saying what failed. */
    void verify() {
        ctx.say("Verifying " + ecsServiceName + (endpoint.isPresent() ? " through the test route " + endpoint.get() : ""));
        slotCheck().verify(ctx, true);
        if (verification.task().isPresent()) {
            EcsServiceInfo s = ctx.service(cluster, ecsServiceName);
            OneOffTask.run(ctx, "the verification task", cluster, s.taskDefinitionArn(), verification.task().get(), s.settings());
        }
        alarms();
        bakedAt = ctx.now().plus(verification.bakeTime());
    }

    /** A re-check while the verification's bake time runs (HTTP checks and alarms). */
    void recheck() {
        slotCheck().verify(ctx, false);
        alarms();
    }

    /** Whether the verification's bake time has run out since {@link #verify()}. */
    boolean baked() {
        return bakedAt != null && !ctx.now().isBefore(bakedAt);
    }

    private SlotCheck slotCheck() {
        return new SlotCheck(cluster, ecsServiceName, Optional.empty(), Optional.empty(), false, endpoint, verification.httpChecks());
    }

    /** The verification's alarm gate (the environment's too), then the alarms ECS watches (deploymentConfiguration.alarms). */
    private void alarms() {
        if (!verification.alarmGate().names().isEmpty()) {
            new AlarmWatch(ctx).check(verification.alarmGate(), "while " + ecsServiceName + " deploys");
        }
        if (alarms.isEmpty()) return;
        List<AlarmInfo> firing = ctx.call(() -> ctx.cloud.cloudWatch().describeAlarms(alarms)).stream()
                .filter(a -> AlarmInfo.ALARM.equals(a.state())).toList();
        if (!firing.isEmpty()) {
            throw new StepFailure("alarm " + firing.getFirst().name() + " is in ALARM (" + firing.getFirst().stateReason() + ")");
        }
    }

    /**
     * {@code https://<load balancer DNS name>:<port>} of the listener a test listener rule (or
     * test listener) belongs to: both ARNs name the load balancer and listener
     * ({@code listener-rule/app/<name>/<lb id>/<listener id>/<rule id>}).
     */
    static Optional<String> endpoint(StepContext ctx, String ruleOrListenerArn) {
        String[] parts = ruleOrListenerArn.split(":", 6);
        if (parts.length < 6) return Optional.empty();
        String[] path = parts[5].split("/");
        if (path.length < 5) return Optional.empty();
        String listenerArn = String.join(":", List.of(parts).subList(0, 5)) + ":listener/" + path[1] + "/" + path[2] + "/"
                + path[3] + "/" + path[4];
        LoadBalancerInfo lb = ctx.call(() -> ctx.cloud.elb().describeLoadBalancers(List.of(path[2]))).getFirst();
        Optional<ListenerInfo> listener = ctx.call(() -> ctx.cloud.elb().describeListeners(lb.arn())).stream()
                .filter(l -> l.arn().equals(listenerArn)).findFirst();
        String protocol = listener.map(l -> l.protocol() == null ? "" : l.protocol().toLowerCase(Locale.ROOT)).orElse("");
        // a network load balancer's TCP listener cannot carry HTTP checks
        if (!protocol.startsWith("http")) {
            ctx.say("HTTP checks skipped: the test route " + ruleOrListenerArn + " is not on an HTTP(S) listener");
            return Optional.empty();
        }
        return Optional.of(protocol + "://" + lb.dnsName() + ":" + listener.get().port());
    }
}
