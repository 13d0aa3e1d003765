package io.turnout.apply;

import io.turnout.plan.Verify;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceOutcome.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One deployment in progress: one {@link ServiceTrack} per service with steps, run side by side by
 * a {@link TrackScheduler} (at most {@code maxParallel} at once, in the order {@code dependsOn}
 * declares and no other), then the {@code end} entry and the result, which says what happened to
 * each service. Shared by a fresh apply and a resumed one ({@link Recovery}).
 */
final class Deployment {
    /** Services named in one message before it says "and N more". */
    private static final int NAMED = 10;

    private final StepContext ctx;
    private final DeploymentJournal journal;
    private final ApprovalGate approvals;
    private final EnvironmentSpec environment;
    private final int maxParallel;
    private final int stepCount;
    private final Map<String, ServiceTrack> tracks = new LinkedHashMap<>();
    private final Map<String, ServiceOutcome> ended = new TreeMap<>();
    private TrackScheduler scheduler;

    /**
     * @param order each service's dependencies; those without steps in this plan (already in sync) are satisfied
     */
    Deployment(StepContext ctx, List<PlannedStep> steps, Map<String, ServiceSnapshot> snapshots, Map<String, List<String>> order,
               int maxParallel, DeploymentJournal journal, EnvironmentSpec environment, ApprovalGate approvals) {
        this.ctx = ctx;
        this.journal = journal;
        this.approvals = approvals;
        this.environment = environment;
        this.maxParallel = maxParallel;
        this.stepCount = steps.size();
        Map<String, List<PlannedStep>> byService = new LinkedHashMap<>();
        for (PlannedStep s : steps) byService.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s);
        byService.forEach((service, own) -> {
            List<String> dependsOn = order.getOrDefault(service, List.of()).stream().filter(byService::containsKey).toList();
            tracks.put(service, new ServiceTrack(service, own, dependsOn, Optional.ofNullable(snapshots.get(service))));
        });
        for (PlannedStep s : steps) {
            if (s.step() instanceof Verify v) {
                SlotCheck check = VerifyRunner.check(v, environment.cluster());
                ctx.productionCheck(s.service(), new SlotCheck(check.cluster(), check.ecsServiceName(),
                        check.targetGroupName(), check.targetGroupArn(), check.healthyTargets(), Optional.empty(), List.of()));
            }
        }
    }

    /** The tracks, by service, in plan order. */
    Map<String, ServiceTrack> tracks() {
        return tracks;
    }

    /** A track that ended before this process (a recovery): it is not run again, its outcome counts. */
    void ended(ServiceOutcome outcome) {
        ended.put(outcome.service(), outcome);
    }

    /**
     * Runs every track that has not ended, writes the deployment's end and returns its result; while a
     * service waits at its approval gate, the result is {@code PAUSED} and the journal stays open.
     */
    ApplyResult execute() {
        scheduler = new TrackScheduler(List.copyOf(tracks.values()), ended, maxParallel, ctx.sleeper, this::run, this::skipped);
        Map<String, ServiceOutcome> outcomes = scheduler.run();
        if (outcomes.values().stream().anyMatch(o -> o.result() == Result.PAUSED)) return paused(outcomes);
        ApplyResult result = result(outcomes);
        ctx.say(summary(outcomes));
        journal.end(result);
        return result;
    }

    private ServiceOutcome run(ServiceTrack track) {
        return track.run(ctx.forTrack(track.service()), journal, environment, approvals, scheduler::halting);
    }

    /** Some service waits for approval: what waits, what waits behind it, and what ended meanwhile; no end entry. */
    private ApplyResult paused(Map<String, ServiceOutcome> outcomes) {
        List<String> messages = new ArrayList<>();
        outcomes.values().stream().filter(o -> o.result() == Result.PAUSED).forEach(o -> messages.add(o.service() + ": " + o.detail()));
        List<String> behind = scheduler.waiting();
        if (!behind.isEmpty()) messages.add("not started until the approval is decided: " + names(behind) + " (dependsOn)");
        outcomes.values().stream().filter(o -> o.result() != Result.PAUSED && !o.applied())
                .forEach(o -> messages.add(o.service() + ": " + o.detail()));
        ctx.say("Paused: " + String.join("; ", messages));
        return new ApplyResult(ApplyResult.Status.PAUSED, messages, approvals.decisions(), List.copyOf(outcomes.values()));
    }

    private void skipped(ServiceOutcome outcome) {
        journal.serviceEnded(outcome);
        StepContext view = ctx.forTrack(outcome.service());
        view.say("Skipped: " + outcome.detail());
        view.progress.serviceFinished(outcome);
    }

    private ApplyResult result(Map<String, ServiceOutcome> outcomes) {
        List<ServiceOutcome> all = List.copyOf(outcomes.values());
        if (all.stream().allMatch(ServiceOutcome::applied)) {
            List<String> messages = new ArrayList<>();
            messages.add("applied " + stepCount + " steps to " + environment.name());
            messages.addAll(approvals.decisions());
            return new ApplyResult(ApplyResult.Status.SUCCEEDED, messages, approvals.decisions(), all);
        }
        List<String> messages = new ArrayList<>();
        all.stream().filter(o -> !o.applied()).forEach(o -> messages.add(o.service() + ": " + o.detail()));
        List<String> applied = all.stream().filter(ServiceOutcome::applied).map(ServiceOutcome::service).toList();
        if (!applied.isEmpty()) {
            messages.add("applied: " + names(applied) + " (" + applied.size() + (applied.size() == 1 ? " service" : " services")
                    + ", each deployed and verified on its own)");
        }
        boolean failed = all.stream().anyMatch(o -> o.result() == Result.FAILED);
        return new ApplyResult(failed ? ApplyResult.Status.FAILED : ApplyResult.Status.ROLLED_BACK, messages,
                approvals.decisions(), all);
    }

    /** "Deployment of production: 99 applied, 1 rolled back". */
    private String summary(Map<String, ServiceOutcome> outcomes) {
        Map<Result, Long> counts = new TreeMap<>(outcomes.values().stream()
                .collect(Collectors.groupingBy(ServiceOutcome::result, Collectors.counting())));
        if (counts.keySet().equals(Set.of(Result.APPLIED))) {
            return "Applied " + stepCount + (stepCount == 1 ? " step" : " steps") + " to " + environment.name() + " ("
                    + counts.get(Result.APPLIED) + (counts.get(Result.APPLIED) == 1 ? " service)" : " services)");
        }
        return "Deployment of " + environment.name() + " ended: " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
    }

    static String names(List<String> services) {
        String shown = services.stream().limit(NAMED).collect(Collectors.joining(", "));
        return services.size() > NAMED ? shown + " and " + (services.size() - NAMED) + " more" : shown;
    }
}
