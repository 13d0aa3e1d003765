package io.turnout.apply;

import io.turnout.cloud.Tags;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.live.LiveState;
import io.turnout.plan.CreateSlot;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.Step;
import io.turnout.plan.UpdateSlot;
import io.turnout.spec.Slot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything checked before the first mutating call ("fail fast before mutating anything"):
 * the live state read just now still allows the plan. Per service: no missing load balancer,
 * listener, rule, target group, zone or Cloud Map service (named as the reader names them);
 * blue and green identified from where the prod route or the weights point (never from tags;
 * see {@link LiveService#blue()} for adopted services); the slot the plan deploys to is not the
 * one production uses now, and a slot the plan creates does not exist yet (else the plan is
 * stale); slots tagged for another service or environment are refused. Tags that contradict
 * the traffic ({@code BG_VERSION}), and adopted services that do not carry Turnout's
 * {@code turnout:*} identity tags yet, are not a reason to stop: they are listed as repairs,
 * made (with a progress line) once every check passed.
 */
final class PreFlight {
    /** The verdict: problems (nothing may change), or repairs to make and each service's state before the deployment. */
    record Result(List<String> problems, List<Repair> repairs, Map<String, ServiceSnapshot> snapshots) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    /** A TagResource that makes a slot's tags agree with the traffic, or marks an adopted service as Turnout's. */
    record Repair(String service, String ecsServiceName, String arn, Map<String, String> tags, String why) {
        Repair {
            tags = Map.copyOf(new TreeMap<>(tags));
        }

        /** {@code BG_VERSION=BLUE, turnout:slot=a}, keys sorted. */
        String describeTags() {
            return new TreeMap<>(tags).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    static Result check(Plan plan, LiveState live) {
        List<String> problems = new ArrayList<>();
        List<Repair> repairs = new ArrayList<>();
        Map<String, ServiceSnapshot> snapshots = new LinkedHashMap<>();
        plan.problems().forEach(p -> problems.add(p.describe()));
        if (!plan.environment().equals(live.environment())) {
            problems.add("the plan is for environment " + plan.environment() + " but live state is of " + live.environment());
        }
        if (!live.clusterExists()) problems.add("ECS cluster " + live.cluster() + " not found");
        for (ServicePlan sp : plan.services()) {
            if (sp.steps().isEmpty()) continue;
            String name = sp.service();
            Optional<LiveService> found = live.service(name);
            if (found.isEmpty()) {
                problems.add(name + ": not in the live state read for this environment; plan again");
                continue;
            }
            LiveService ls = found.get();
            ls.problems().forEach(p -> problems.add(name + ": " + p));
            if (!ls.problems().isEmpty()) continue;
            // blue/green slots only: AWS's own engines (ecs, codeDeploy) and rolling services have one ECS service
            if (sp.trafficMode().equals("elb") || sp.trafficMode().equals("dns")) blueGreen(plan.environment(), sp, ls, problems, repairs);
            snapshots.put(name, repaired(ServiceSnapshot.of(ls), repairs));
        }
        return new Result(List.copyOf(problems), List.copyOf(repairs), snapshots);
    }

    private static void blueGreen(String environment, ServicePlan sp, LiveService ls, List<String> problems,
                                  List<Repair> repairs) {
        String name = sp.service();
        ls.servingProblem().ifPresent(p -> problems.add(name + ": " + p));
        Optional<Slot> blue = ls.blue().filter(s -> ls.slot(s).isPresent());
        // where production goes now: the slot serving it, else the slot whose target group it forwards to
        Optional<Slot> production = blue.or(ls::pointedAt);
        int before = problems.size();
        for (Step step : sp.steps()) {
            if (step instanceof CreateSlot c && ls.slot(c.slot()).isPresent()) {
                problems.add(name + ": ECS service " + c.ecsServiceName() + " exists now but the plan creates it;"
                        + " the plan is stale: plan again");
            }
            if (step instanceof UpdateSlot u && production.equals(Optional.of(u.slot()))) {
                problems.add(name + ": the plan deploys to " + u.ecsServiceName() + " but production points at it now"
                        + " (it moved since the plan was made): plan again");
            }
        }
        if (problems.size() > before) return;
        if (sp.kind() != PlanKind.BOOTSTRAP && blue.isEmpty()) {
            problems.add(name + ": production points at neither slot (" + ls.traffic().map(Object::toString).orElse("no traffic")
                    + "); the plan was made while one served it: plan again");
            return;
        }
        for (Slot slot : Slot.values()) {
            Optional<LiveSlot> s = ls.slot(slot);
            if (s.isEmpty()) continue;
            Map<String, String> tags = s.get().service().tags();
            String ecsName = s.get().service().name();
            String owner = tags.get(Tags.SERVICE);
            String ownerEnvironment = tags.get(Tags.ENVIRONMENT);
            if (owner != null && !owner.equals(name) || ownerEnvironment != null && !ownerEnvironment.equals(environment)) {
                problems.add(name + ": ECS service " + ecsName + " is tagged " + Tags.SERVICE + "=" + owner + ", "
                        + Tags.ENVIRONMENT + "=" + ownerEnvironment + ": it belongs to another Turnout service or"
                        + " environment; name another ECS service for this slot");
                continue;
            }
            Map<String, String> missing = new TreeMap<>();
            List<String> why = new ArrayList<>();
            if (owner == null || ownerEnvironment == null || !slot.id().equals(tags.get(Tags.SLOT))) {
                missing.put(Tags.ENVIRONMENT, environment);
                missing.put(Tags.SERVICE, name);
                missing.put(Tags.SLOT, slot.id());
                why.add("adopting ECS service " + ecsName + " as slot " + slot.id() + " of " + name);
            }
            if (blue.isPresent()) {
                String expected = slot == blue.get() ? Tags.BLUE : Tags.GREEN;
                String actual = tags.get(Tags.BG_VERSION);
                if (!expected.equals(actual)) {
                    missing.put(Tags.BG_VERSION, expected);
                    why.add(ecsName + " is tagged " + Tags.BG_VERSION + "=" + (actual == null ? "(none)" : actual) + " but "
                            + (slot == blue.get() ? "production points at it" : "production points at the other slot"));
                }
            }
            if (!missing.isEmpty()) {
                repairs.add(new Repair(name, ecsName, s.get().service().arn(), missing, String.join("; ", why)));
            }
        }
    }

    /** The snapshot as it will be once the repairs are made: a rollback restores consistent tags. */
    private static ServiceSnapshot repaired(ServiceSnapshot snapshot, List<Repair> repairs) {
        Map<Slot, ServiceSnapshot.SlotState> slots = new HashMap<>(snapshot.slots());
        for (Repair r : repairs) {
            if (!r.service().equals(snapshot.service())) continue;
            slots.replaceAll((slot, st) -> {
                if (!st.ecsServiceName().equals(r.ecsServiceName())) return st;
                Map<String, String> tags = new HashMap<>(st.tags());
                tags.putAll(r.tags());
                return new ServiceSnapshot.SlotState(st.ecsServiceName(), st.arn(), st.taskDefinitionArn(),
                        st.desiredCount(), tags, st.scaling());
            });
        }
        return new ServiceSnapshot(snapshot.service(), snapshot.blue(), slots, snapshot.elb(), snapshot.dns(),
                snapshot.single(), snapshot.slotNames());
    }
}
