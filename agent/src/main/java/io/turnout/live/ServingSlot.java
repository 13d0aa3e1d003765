package io.turnout.live;

import io.turnout.spec.Slot;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which slot of a blue/green service serves production, told the way Harness's ECS blue/green
 * service validation tells it, so that services another tool left behind are adopted without
 * guessing:
 *
 * <ul>
 *   <li>Scenario 1, prod and stage forward to different target groups: the slot whose ECS
 *       service is registered in production's target group is BLUE.</li>
 *   <li>Scenario 2, both slots' services are registered in production's target group (prod and
 *       stage forwarding to one group): the one with running tasks is BLUE (else the one that
 *       wants tasks). If both do, there is no telling: {@link #problem()} says so.</li>
 *   <li>A service registered there that neither runs nor wants tasks (an idle slot, e.g. one a
 *       failed first deployment left in production's group) serves nothing: it is not BLUE, so
 *       the next plan deploys to a slot production does not reach instead of scaling it up in
 *       place behind production.</li>
 *   <li>Otherwise, when no slot's service is registered there, the slot whose target group in
 *       the spec is production's ({@link LiveElb#productionSlot()}) if its service does not exist
 *       (yet) — or was not read, which the reader only skips for the idle slot. A slot service
 *       that exists but is registered elsewhere serves nothing.</li>
 * </ul>
 *
 * DNS mode: the record with the higher weight ({@link LiveDns#productionSlot()}).
 */
record ServingSlot(Optional<Slot> slot, Optional<String> problem) {
    static ServingSlot of(LiveService service) {
        if (service.traffic().isEmpty()) return new ServingSlot(Optional.empty(), Optional.empty());
        if (!(service.traffic().get() instanceof LiveElb elb)) {
            return new ServingSlot(service.traffic().get().productionSlot(), Optional.empty());
        }
        String production = elb.prodTargetGroupArn();
        List<LiveSlot> registered = production == null ? List.of() : Stream.of(service.a(), service.b())
                .flatMap(Optional::stream)
                .filter(s -> s.service().loadBalancers().stream().anyMatch(lb -> production.equals(lb.targetGroupArn())))
                .toList();
        // Harness's scenario 2 (both registered there): the one with running tasks; a service whose tasks are
        // all down still serves if it wants tasks (desired > 0); one that wants none (an idle slot left in
        // production's group) serves nothing, and scaling it up in place would put unverified tasks there.
        for (List<LiveSlot> serving : List.of(
                registered.stream().filter(s -> s.service().runningCount() > 0).toList(),
                registered.stream().filter(s -> s.service().desiredCount() > 0).toList())) {
            if (serving.size() == 1) return new ServingSlot(Optional.of(serving.getFirst().slot()), Optional.empty());
            if (serving.size() == 2) {
                return new ServingSlot(Optional.empty(), Optional.of("both " + serving.get(0).service().name() + " and "
                        + serving.get(1).service().name() + " are registered in the target group production forwards to,"
                        + " and both run or want tasks: there is no telling which serves production; scale the one that"
                        + " should not to 0 tasks, then plan again"));
            }
        }
        // No slot serves from there: the slot whose target group it is "serves" production only if its service
        // does not exist (yet: a first deployment must not go there); one that exists and is idle serves nothing.
        Optional<Slot> pointedAt = elb.productionSlot();
        return new ServingSlot(pointedAt.filter(s -> service.slot(s).isEmpty()), Optional.empty());
    }
}
