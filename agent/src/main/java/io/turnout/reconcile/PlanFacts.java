package io.turnout.reconcile;

import io.turnout.apply.ApplyResult;
import io.turnout.cloud.Tags;
import io.turnout.diff.Change;
import io.turnout.live.EngineDeployment;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.live.LiveState;
import io.turnout.plan.Images;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.Slot;
import io.turnout.spec.SpecTree;
import io.turnout.state.DriftBaseline;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The one-line texts and status rows the agent derives from a plan and the live state it was made from. */
final class PlanFacts {
    private PlanFacts() {
    }

    /** {@code web: blue/green nginx:1.27 → nginx:1.28; api: in sync (9 steps)}: the deployment tag message and outcome detail. */
    static String summary(Plan plan) {
        if (plan.inSync()) return plan.environment() + " is in sync";
        String services = plan.services().stream().filter(s -> s.kind().deploys())
                .map(PlanFacts::describe).collect(Collectors.joining("; "));
        String problems = plan.problems().stream().map(PlanProblem::describe).collect(Collectors.joining("; "));
        StringBuilder s = new StringBuilder(services.isEmpty() ? "no service changes" : services);
        s.append(" (").append(plan.stepCount()).append(plan.stepCount() == 1 ? " step)" : " steps)");
        if (!problems.isEmpty()) s.append("; problems: ").append(problems);
        return s.toString();
    }

    private static String describe(ServicePlan sp) {
        String images = sp.imageAfter().isPresent() && !sp.imageAfter().equals(sp.imageBefore())
                ? " " + sp.imageBefore().orElse("(none)") + " → " + sp.imageAfter().get() : "";
        return sp.service() + ": " + sp.kind().label() + images;
    }

    /**
     * A failed deployment's outcome, e.g. {@code 99 applied, 1 rolled back: api: step 4/9 (…) failed:
     * …; rolled back: …; applied: auth, cart … (99 services, each deployed and verified on its own)}.
     */
    static String outcome(ApplyResult result) {
        String tally = result.services().isEmpty() ? "apply " + result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                : ServiceOutcome.tally(result.services());
        return tally + ": " + String.join("; ", result.messages());
    }

    /**
     * What is live after a deployment that applied some services and not others: {@code applied}'s
     * specs for the services it applied (and those already in sync with it), the earlier baseline's
     * for the others — which were rolled back, left as they were or skipped — so that the next drift
     * check neither reports the deployed services as drift nor undoes them. The commit stays the
     * earlier one: the new commit is not live as a whole (its tag does not move).
     */
    static DriftBaseline partlyApplied(DriftBaseline before, SpecTree applied, ApplyResult result) {
        Set<String> notDeployed = result.services().stream().filter(o -> !o.applied()).map(ServiceOutcome::service)
                .collect(Collectors.toSet());
        List<ServiceSpec> services = new ArrayList<>();
        for (ServiceSpec s : applied.services()) {
            if (!notDeployed.contains(s.name())) services.add(s);
            else before.specs().service(s.name()).ifPresent(services::add);
        }
        return new DriftBaseline(before.commit(), new SpecTree(applied.environments(), services));
    }

    /**
     * One line per service whose live state no longer matches the applied specs, e.g.
     * {@code web: service/desiredCount 4 → 3 (blue/green, 6 steps to restore)}.
     */
    static List<String> driftLines(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (ServicePlan sp : plan.services()) {
            if (sp.steps().isEmpty() || sp.kind() == PlanKind.LEFT_ALONE) continue;
            String changes = sp.changes().stream().limit(3).map(PlanFacts::change).collect(Collectors.joining(", "));
            if (sp.changes().size() > 3) changes += ", … (" + sp.changes().size() + " changes)";
            lines.add(sp.service() + ": " + (changes.isEmpty() ? "changed outside Git" : changes) + " (" + sp.kind().label()
                    + ", " + sp.steps().size() + " steps to restore)");
        }
        plan.problems().forEach(p -> lines.add(p.describe()));
        return lines;
    }

    private static String change(Change c) {
        String before = c.before().isMissingNode() ? "(none)" : c.before().toString();
        String after = c.after().isMissingNode() ? "(none)" : c.after().toString();
        return c.path() + " " + before + " → " + after;
    }

    /**
     * The live colours per service, sorted by name; the BLUE image comes from the plan (which knows
     * it also for slots read from tags only), the GREEN slot's from its task definition when it was
     * read ({@code desired} says which container is the load balancer's).
     */
    static List<ServiceStatus> services(Plan plan, LiveState live, List<EffectiveService> desired) {
        List<ServiceStatus> rows = new ArrayList<>();
        for (ServicePlan sp : plan.services()) {
            Optional<LiveService> service = live.service(sp.service());
            Optional<Slot> blue = service.flatMap(LiveService::blue);
            Optional<LiveSlot> serving = service.flatMap(s -> blue.isPresent() ? s.slot(blue.get()) : s.single());
            Optional<ServiceStatus.Green> green = blue.flatMap(b -> service.flatMap(s -> s.slot(b.other())))
                    .map(slot -> green(slot, container(desired, sp.service())));
            rows.add(new ServiceStatus(sp.service(), sp.trafficMode(), blue.map(Slot::id), sp.imageBefore(),
                    serving.map(s -> s.service().tags().get(Tags.COMMIT)), serving.map(s -> s.service().runningCount()).orElse(0),
                    green, service.flatMap(LiveService::deployment).map(EngineDeployment::describe)));
        }
        rows.sort(Comparator.comparing(ServiceStatus::name));
        return rows;
    }

    /**
     * The services whose GREEN slot was not read (the reader skips it when BLUE's tags vouch for
     * the desired spec): their GREEN is as read last time, not absent.
     */
    static Set<String> greenNotRead(LiveState live) {
        Set<String> names = new TreeSet<>();
        for (LiveService s : live.services().values()) {
            if (s.blue().isPresent() && !s.wasRead(s.blue().get().other())) names.add(s.name());
        }
        return names;
    }

    private static ServiceStatus.Green green(LiveSlot slot, String container) {
        return new ServiceStatus.Green(slot.slot().id(), Images.of(slot, container),
                Optional.ofNullable(slot.service().tags().get(Tags.COMMIT)), slot.service().runningCount(),
                slot.service().desiredCount());
    }

    /** The container the load balancer routes to; null (the first container by name) otherwise. */
    private static String container(List<EffectiveService> desired, String service) {
        return desired.stream().filter(s -> s.name().equals(service)).findFirst()
                .map(s -> s.strategy() instanceof BlueGreen bg && bg.traffic() instanceof ElbTraffic elb ? elb.containerName() : null)
                .orElse(null);
    }
}
