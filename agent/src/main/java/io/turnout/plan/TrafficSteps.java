package io.turnout.plan;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.live.LiveDns;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveTraffic;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.Slot;
import io.turnout.spec.Traffic;
import io.turnout.spec.Verification;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The traffic-mode-specific part of a blue/green plan: what a slot is bound to, how it is
 * verified, and the steps that move production to it (a listener/rule swap, or DNS weight steps).
 */
sealed interface TrafficSteps permits ElbTrafficSteps, DnsTrafficSteps {
    /** {@code elb} or {@code dns}. */
    String mode();

    /** The container whose image the plan shows (the ELB container), if the mode names one. */
    Optional<String> mainContainer();

    SlotBinding binding(Slot slot);

    /**
     * Where {@code service} (slot {@code slot}'s ECS service) is bound when that is not where the
     * spec binds the slot ("registered in target group web-tg"), e.g. an adopted service.
     */
    Optional<String> boundElsewhere(Slot slot, EcsServiceInfo service);

    /** Remarks about the traffic set-up for the plan (a target group port other than the container's). */
    default List<String> notes() {
        return List.of();
    }

    /**
     * Steps before {@code slot}'s ECS service is created or updated. ELB: when its target group
     * is attached to no load balancer (no listener or rule forwards to it yet), ECS refuses to
     * register a service in it, so the stage route is pointed there first — never production.
     */
    default List<Step> prepare(Slot slot) {
        return List.of();
    }

    /**
     * Steps that let verification reach {@code slot} (ELB: the stage route forwards to its
     * target group, unless {@link #prepare} did it), then the verification itself.
     */
    List<Step> verify(Slot slot, String ecsServiceName, Verification verification);

    /** Steps that make {@code to} the production slot; {@code firstTime} for a bootstrap (no old slot serving). */
    List<Step> moveProduction(Slot to, boolean firstTime);

    /**
     * The steps for this service's traffic, or a message saying why live state does not allow
     * planning (traffic of the other mode, a listener rule that is missing).
     */
    static Result of(String service, Traffic spec, Optional<LiveTraffic> live) {
        if (live.isEmpty()) {
            return Result.problem("no " + spec.mode().toUpperCase(Locale.ROOT) + " traffic resources were read"
                    + " for this service: check that the " + (spec instanceof ElbTraffic ? "load balancer, listeners"
                    + " and target groups" : "hosted zone and Cloud Map services") + " named in its spec exist");
        }
        return switch (spec) {
            case ElbTraffic elb when live.get() instanceof LiveElb liveElb -> ElbTrafficSteps.of(service, elb, liveElb);
            case DnsTraffic dns when live.get() instanceof LiveDns liveDns ->
                    Result.ok(new DnsTrafficSteps(service, dns, liveDns));
            default -> Result.problem("the spec says traffic mode " + spec.mode() + " but live state has the other mode;"
                    + " Turnout does not switch modes: create the service under a new name");
        };
    }

    /** Traffic steps, or why there are none. */
    record Result(Optional<TrafficSteps> steps, Optional<String> problem) {
        static Result ok(TrafficSteps steps) {
            return new Result(Optional.of(steps), Optional.empty());
        }

        static Result problem(String message) {
            return new Result(Optional.empty(), Optional.of(message));
        }
    }
}
