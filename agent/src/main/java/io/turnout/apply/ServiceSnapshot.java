package io.turnout.apply;

import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.live.LiveDns;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.spec.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A service as it was before the deployment touched it: what a rollback puts back. Journaled
 * before the first change, so that a new process can roll back what an old one started.
 *
 * @param blue  the slot production pointed at; on a first deployment in ELB mode it may name a
 *              slot that did not exist yet (the prod listener already forwarded to its target
 *              group), so only a slot also in {@code slots} served production
 * @param slots the slots that existed, by slot
 * @param elb   the routes and where they forwarded (ELB mode)
 * @param dns   the weighted records as they were (DNS mode)
 * @param single the one ECS service of a rolling service or of AWS's own engines, when it existed
 * @param slotNames the slots' ECS service names, existing or not (journals of older versions lack
 *              them: then Turnout's own {@code <service>--<slot>})
 */
public record ServiceSnapshot(String service, Optional<Slot> blue, Map<Slot, SlotState> slots,
                              Optional<ElbRoutes> elb, Optional<DnsRecords> dns, Optional<SlotState> single,
                              Map<Slot, String> slotNames) {
    public ServiceSnapshot {
        slots = Map.copyOf(slots);
        single = single == null ? Optional.empty() : single; // journals written before rolling snapshots existed
        slotNames = slotNames == null ? Map.of() : Map.copyOf(slotNames);
    }

    public ServiceSnapshot(String service, Optional<Slot> blue, Map<Slot, SlotState> slots, Optional<ElbRoutes> elb,
                           Optional<DnsRecords> dns) {
        this(service, blue, slots, elb, dns, Optional.empty(), Map.of());
    }

    /** The ECS service of {@code slot}. */
    public String slotName(Slot slot) {
        return slotNames.getOrDefault(slot, slot.ecsServiceName(service));
    }

    /** A rolling service's snapshot (no slots, no traffic of its own). */
    public boolean rolling() {
        return slots.isEmpty() && elb.isEmpty() && dns.isEmpty();
    }

    /** One ECS service: what it ran, how many tasks, its tags and auto scaling. */
    public record SlotState(String ecsServiceName, String arn, String taskDefinitionArn, int desiredCount,
                            Map<String, String> tags, Optional<Scaling> scaling) {
        public SlotState {
            tags = Map.copyOf(tags);
        }
    }

    /** A scalable target and its policies. */
    public record Scaling(int minCapacity, int maxCapacity, List<ScalingPolicyInfo> policies) {
        public Scaling {
            policies = List.copyOf(policies);
        }
    }

    /**
     * The prod and stage routes (listener, and rule when the spec uses rules) and the target
     * group each forwarded to (null when it forwarded to none).
     */
    public record ElbRoutes(String loadBalancerName, String prodListenerArn, int prodPort, Optional<String> prodRuleArn,
                            String prodTargetGroupArn, String stageListenerArn, int stagePort,
                            Optional<String> stageRuleArn, String stageTargetGroupArn,
                            Map<Slot, String> targetGroupArns) {
        public ElbRoutes {
            targetGroupArns = Map.copyOf(targetGroupArns);
        }
    }

    /** The zone and the two weighted records as they were (absent before the first deployment). */
    public record DnsRecords(String hostedZoneId, List<RecordSetInfo> records) {
        public DnsRecords {
            records = List.copyOf(records);
        }
    }

    static ServiceSnapshot of(LiveService live) {
        Map<Slot, SlotState> slots = new TreeMap<>();
        for (Slot slot : Slot.values()) live.slot(slot).ifPresent(s -> slots.put(slot, state(s)));
        Optional<ElbRoutes> elb = Optional.empty();
        Optional<DnsRecords> dns = Optional.empty();
        if (live.traffic().isPresent()) {
            switch (live.traffic().get()) {
                case LiveElb e -> elb = Optional.of(new ElbRoutes(e.loadBalancer().name(), e.prodListener().arn(),
                        e.prodListener().port(), e.prodRule().map(r -> r.arn()), e.prodTargetGroupArn(),
                        e.stageListener().arn(), e.stageListener().port(), e.stageRule().map(r -> r.arn()),
                        e.stageTargetGroupArn(), Map.of(Slot.A, e.targetGroups().a().arn(), Slot.B,
                        e.targetGroups().b().arn())));
                case LiveDns d -> {
                    List<RecordSetInfo> records = new ArrayList<>();
                    d.recordA().ifPresent(records::add);
                    d.recordB().ifPresent(records::add);
                    dns = Optional.of(new DnsRecords(d.zone().id(), records));
                }
            }
        }
        return new ServiceSnapshot(live.name(), live.blue(), slots, elb, dns, live.single().map(ServiceSnapshot::state),
                Map.of(Slot.A, live.slotName(Slot.A), Slot.B, live.slotName(Slot.B)));
    }

    private static SlotState state(LiveSlot s) {
        Optional<Scaling> scaling = s.scaling().map(sc -> new Scaling(sc.target().minCapacity(),
                sc.target().maxCapacity(), sc.policies()));
        return new SlotState(s.service().name(), s.service().arn(), s.service().taskDefinitionArn(),
                s.service().desiredCount(), s.service().tags(), scaling);
    }
}
