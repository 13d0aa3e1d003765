package io.turnout.reconcile;

import io.turnout.cloud.Tags;
import io.turnout.diff.Change;
import io.turnout.live.EngineDeployment;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import io.turnout.spec.Slot;
import io.turnout.status.ServiceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

    /** The live colours per service, sorted by name; the image comes from the plan (which knows it also for slots read from tags only). */
    static List<ServiceStatus> services(Plan plan, LiveState live) {
        List<ServiceStatus> rows = new ArrayList<>();
        for (ServicePlan sp : plan.services()) {
            Optional<LiveService> service = live.service(sp.service());
            Optional<Slot> blue = service.flatMap(LiveService::blue);
            Optional<LiveSlot> serving = service.flatMap(s -> blue.isPresent() ? s.slot(blue.get()) : s.single());
            rows.add(new ServiceStatus(sp.service(), sp.trafficMode(), blue.map(Slot::id), sp.imageBefore(),
                    serving.map(s -> s.service().tags().get(Tags.COMMIT)), serving.map(s -> s.service().runningCount()).orElse(0),
                    service.flatMap(LiveService::deployment).map(EngineDeployment::describe)));
        }
        rows.sort(Comparator.comparing(ServiceStatus::name));
        return rows;
    }
}
