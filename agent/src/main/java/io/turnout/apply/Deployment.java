package io.turnout.apply;

import io.turnout.plan.AwaitApproval;
import io.turnout.plan.Verify;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.state.Journal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One deployment in progress: runs steps from a given index, journals each one's start and
 * end, and on the first failure rolls that service back and ends the deployment. Shared by a
 * fresh apply and a resumed one.
 *
 * <p>An approval gate ({@link AwaitApproval}) the {@link ApprovalDesk} has not decided pauses its
 * service only: the wait is journaled ({@code approval-wait}, with its deadline), the service's
 * later steps are skipped, the other services go on, and the run ends {@code PAUSED} without an
 * {@code end} entry. The next run (the next poll, a restarted process) resumes from the journal and
 * asks the desk again: approved, the gate's step ends and production moves; rejected or past the
 * deadline, the step fails and the service is rolled back (production was never touched).</p>
 */
final class Deployment {
    private final StepContext ctx;
    private final List<PlannedStep> steps;
    private final Map<String, ServiceSnapshot> snapshots;
    private final Journal journal;
    private final Progress progress;
    private final EnvironmentSpec environment;
    private final Optional<String> commit;
    private final ApprovalDesk desk;
    private final Set<Integer> started = new HashSet<>();
    private final Set<Integer> done = new HashSet<>();
    /** When each approval gate (by step index) started waiting, from the journal. */
    private final Map<Integer, Instant> waitingSince = new HashMap<>();
    private final List<String> decisions = new ArrayList<>();

    Deployment(StepContext ctx, List<PlannedStep> steps, Map<String, ServiceSnapshot> snapshots, Journal journal,
               Progress progress, EnvironmentSpec environment, Optional<String> commit, ApprovalDesk desk) {
        this.ctx = ctx;
        this.steps = steps;
        this.snapshots = snapshots;
        this.journal = journal;
        this.progress = progress;
        this.environment = environment;
        this.commit = commit;
        this.desk = desk;
        for (PlannedStep s : steps) {
            if (s.step() instanceof Verify v) {
                SlotCheck check = VerifyRunner.check(v, environment.cluster());
                ctx.productionCheck(s.service(), new SlotCheck(check.cluster(), check.ecsServiceName(),
                        check.targetGroupName(), check.targetGroupArn(), check.healthyTargets(),
                        Optional.empty(), List.of()));
            }
        }
    }

    /** Marks what an earlier process already did (from the journal), and the approval gates that were waiting. */
    void alreadyDone(Set<Integer> startedBefore, Set<Integer> doneBefore, Map<Integer, Instant> waitingBefore) {
        started.addAll(startedBefore);
        done.addAll(doneBefore);
        waitingSince.putAll(waitingBefore);
    }

    ApplyResult execute(int from) {
        Map<String, PendingApproval> paused = new LinkedHashMap<>();
        for (int i = from; i < steps.size(); i++) {
            PlannedStep s = steps.get(i);
            if (done.contains(i) || paused.containsKey(s.service())) continue;
            if (s.step() instanceof AwaitApproval gate) {
                Optional<ApplyResult> decided = gate(i, s, gate, paused);
                if (decided.isPresent()) return decided.get();
                if (paused.containsKey(s.service())) continue;
            }
            journal.append(entry("step-start").put("index", i));
            started.add(i);
            progress.stepStarted(i, s.service(), s.step());
            ctx.say("[" + (i + 1) + "/" + steps.size() + "] " + s.step().describe());
            ObjectNode result;
            try {
                result = StepRunners.run(s.step(), ctx);
            } catch (RuntimeException e) {
                String reason = e instanceof StepFailure ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
                journal.append(entry("step-failed").put("index", i).put("error", reason));
                ctx.say("Failed: " + reason);
                progress.stepFailed(i, s.service(), s.step(), reason);
                return rollBack(s.service(), "step " + (i + 1) + " (" + s.step().describe() + ") failed: " + reason, paused);
            }
            journal.append(entry("step-end").put("index", i).set("result", result));
            done.add(i);
            progress.stepFinished(i, s.service(), s.step());
        }
        if (!paused.isEmpty()) {
            List<String> messages = new ArrayList<>();
            paused.values().forEach(p -> messages.add(p.service() + ": waiting for approval to move production to "
                    + p.ecsServiceName() + " (verified; production untouched) since " + p.since() + ", rolled back at "
                    + p.deadline() + " unless approved"));
            ctx.say("Paused: " + String.join("; ", messages));
            return new ApplyResult(ApplyResult.Status.PAUSED, messages, decisions);
        }
        ctx.say("Applied " + steps.size() + (steps.size() == 1 ? " step" : " steps") + " to " + environment.name());
        List<String> messages = new ArrayList<>();
        messages.add("applied " + steps.size() + " steps to " + environment.name());
        messages.addAll(decisions);
        return end(new ApplyResult(ApplyResult.Status.SUCCEEDED, messages, decisions));
    }

    /**
     * The approval gate at step {@code i}: journals when it started waiting (once), asks the desk,
     * and either lets the step run (approved: the runner re-checks the new version before production
     * moves), pauses the service (nobody decided yet) or fails the step (rejected, or the deadline
     * passed), which rolls the service back and ends the deployment (the returned result).
     */
    private Optional<ApplyResult> gate(int i, PlannedStep s, AwaitApproval gate, Map<String, PendingApproval> paused) {
        Instant since = waitingSince.get(i);
        if (since == null) {
            since = ctx.now();
            waitingSince.put(i, since);
            journal.append(entry("approval-wait").put("index", i).put("service", s.service())
                    .put("deadline", since.plus(gate.timeout()).toString()));
        }
        PendingApproval pending = new PendingApproval(environment.name(), s.service(), gate.ecsServiceName(), commit, since,
                since.plus(gate.timeout()));
        String reason = switch (desk.decide(pending)) {
            case ApprovalDesk.Decision.Approved a -> {
                decisions.add(s.service() + ": approved by " + a.by() + " at " + a.at());
                progress.approvalDecided(pending, "approved by " + a.by());
                yield null;
            }
            case ApprovalDesk.Decision.Rejected r -> {
                decisions.add(s.service() + ": rejected by " + r.by() + " at " + r.at());
                progress.approvalDecided(pending, "rejected by " + r.by());
                yield "rejected by " + r.by() + " at " + r.at();
            }
            case ApprovalDesk.Decision.Waiting w -> {
                if (ctx.now().isBefore(pending.deadline())) {
                    paused.put(s.service(), pending);
                    progress.awaitingApproval(pending);
                    yield null;
                }
                String timedOut = "not approved within " + StepContext.format(gate.timeout()) + " (waiting since " + since + ")";
                decisions.add(s.service() + ": " + timedOut);
                progress.approvalDecided(pending, timedOut);
                yield timedOut;
            }
        };
        if (reason == null) return Optional.empty();
        journal.append(entry("step-start").put("index", i));
        started.add(i);
        progress.stepStarted(i, s.service(), s.step());
        journal.append(entry("step-failed").put("index", i).put("error", reason));
        ctx.say("Approval gate of " + s.service() + ": " + reason);
        progress.stepFailed(i, s.service(), s.step(), reason);
        ApplyResult result = rollBack(s.service(), "step " + (i + 1) + " (" + s.step().describe() + "): " + reason, paused);
        return Optional.of(result);
    }

    /** Rolls {@code service} back after {@code failure}, and ends the deployment. */
    ApplyResult rollBack(String service, String failure) {
        return rollBack(service, failure, Map.of());
    }

    /**
     * Rolls {@code service} back after {@code failure}, and also the services {@code paused} at their
     * approval gate (the deployment ends, so nobody could approve them any more; production never
     * moved for them), then ends the deployment.
     */
    ApplyResult rollBack(String service, String failure, Map<String, PendingApproval> paused) {
        List<String> messages = new ArrayList<>();
        messages.add(service + ": " + failure);
        ApplyResult.Status status = undo(service, messages);
        for (String waiting : paused.keySet()) {
            messages.add(waiting + ": its approval is no longer awaited, as the deployment ended with " + service + "'s failure");
            if (undo(waiting, messages) != ApplyResult.Status.ROLLED_BACK) status = ApplyResult.Status.FAILED;
        }
        return end(new ApplyResult(status, messages));
    }

    /** Puts one service back as its snapshot says; ROLLED_BACK, or FAILED with why in {@code messages}. */
    private ApplyResult.Status undo(String service, List<String> messages) {
        if (!environment.deployment().autoRollback()) {
            messages.add("deployment.autoRollback is off in " + environment.name() + ": " + service
                    + " was left as it is; fix the cause and apply again, or revert the commit");
            return ApplyResult.Status.FAILED;
        }
        ServiceSnapshot snapshot = snapshots.get(service);
        if (snapshot == null) {
            messages.add("no snapshot of " + service + " was journaled: nothing can be rolled back automatically");
            return ApplyResult.Status.FAILED;
        }
        boolean moved = productionMoved(service);
        ctx.say("Rolling back " + service + (moved ? " (production had moved: swapping it back)" : " (production was not touched)"));
        journal.append(entry("rollback-start").put("service", service));
        List<String> restored;
        try {
            restored = new Rollback(ctx.withPersistentRetry(), snapshot).run(moved);
        } catch (RuntimeException e) {
            messages.add("the rollback failed too: " + e.getMessage() + "; " + service
                    + " needs a person: compare it with the plan (turnout plan) and fix it by hand");
            journal.append(entry("rollback-failed").put("service", service).put("error", String.valueOf(e.getMessage())));
            return ApplyResult.Status.FAILED;
        }
        ArrayNode list = JournalJson.NODES.arrayNode();
        restored.forEach(list::add);
        journal.append(entry("rollback-end").put("service", service).set("restored", list));
        messages.add("rolled back " + service + ": " + String.join(", ", restored));
        return ApplyResult.Status.ROLLED_BACK;
    }

    boolean productionMoved(String service) {
        return steps.stream().anyMatch(s -> s.service().equals(service) && started.contains(s.index())
                && StepRunners.movesProduction(s.step()));
    }

    ApplyResult end(ApplyResult result) {
        if (!decisions.isEmpty() && result.approvals().isEmpty()) {
            result = new ApplyResult(result.status(), result.messages(), decisions);
        }
        ObjectNode end = entry("end").put("status", result.status().name());
        ArrayNode messages = end.putArray("messages");
        result.messages().forEach(messages::add);
        journal.append(end);
        return result;
    }

    private ObjectNode entry(String type) {
        return JournalJson.NODES.objectNode().put("type", type).put("at", ctx.now().toString());
    }
}
