package io.turnout.apply;

import io.turnout.plan.Verify;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.state.Journal;
import java.util.ArrayList;
import java.util.HashSet;
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
 */
final class Deployment {
    private final StepContext ctx;
    private final List<PlannedStep> steps;
    private final Map<String, ServiceSnapshot> snapshots;
    private final Journal journal;
    private final Progress progress;
    private final EnvironmentSpec environment;
    private final Set<Integer> started = new HashSet<>();
    private final Set<Integer> done = new HashSet<>();

    Deployment(StepContext ctx, List<PlannedStep> steps, Map<String, ServiceSnapshot> snapshots, Journal journal,
               Progress progress, EnvironmentSpec environment) {
        this.ctx = ctx;
        this.steps = steps;
        this.snapshots = snapshots;
        this.journal = journal;
        this.progress = progress;
        this.environment = environment;
        for (PlannedStep s : steps) {
            if (s.step() instanceof Verify v) {
                SlotCheck check = VerifyRunner.check(v, environment.cluster());
                ctx.productionCheck(s.service(), new SlotCheck(check.cluster(), check.ecsServiceName(),
                        check.targetGroupName(), check.targetGroupArn(), check.healthyTargets(),
                        Optional.empty(), List.of()));
            }
        }
    }

    /** Marks what an earlier process already did (from the journal). */
    void alreadyDone(Set<Integer> startedBefore, Set<Integer> doneBefore) {
        started.addAll(startedBefore);
        done.addAll(doneBefore);
    }

    ApplyResult execute(int from) {
        for (int i = from; i < steps.size(); i++) {
            PlannedStep s = steps.get(i);
            if (done.contains(i)) continue;
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
                return rollBack(s.service(), "step " + (i + 1) + " (" + s.step().describe() + ") failed: " + reason);
            }
            journal.append(entry("step-end").put("index", i).set("result", result));
            done.add(i);
            progress.stepFinished(i, s.service(), s.step());
        }
        ctx.say("Applied " + steps.size() + (steps.size() == 1 ? " step" : " steps") + " to " + environment.name());
        return end(new ApplyResult(ApplyResult.Status.SUCCEEDED, List.of("applied " + steps.size() + " steps to "
                + environment.name())));
    }

    /** Rolls {@code service} back after {@code failure}, and ends the deployment. */
    ApplyResult rollBack(String service, String failure) {
        List<String> messages = new ArrayList<>();
        messages.add(service + ": " + failure);
        if (!environment.deployment().autoRollback()) {
            messages.add("deployment.autoRollback is off in " + environment.name() + ": " + service
                    + " was left as it is; fix the cause and apply again, or revert the commit");
            return end(new ApplyResult(ApplyResult.Status.FAILED, messages));
        }
        ServiceSnapshot snapshot = snapshots.get(service);
        if (snapshot == null) {
            messages.add("no snapshot of " + service + " was journaled: nothing can be rolled back automatically");
            return end(new ApplyResult(ApplyResult.Status.FAILED, messages));
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
            return end(new ApplyResult(ApplyResult.Status.FAILED, messages));
        }
        ArrayNode list = JournalJson.NODES.arrayNode();
        restored.forEach(list::add);
        journal.append(entry("rollback-end").put("service", service).set("restored", list));
        messages.add("rolled back " + service + ": " + String.join(", ", restored));
        return end(new ApplyResult(ApplyResult.Status.ROLLED_BACK, messages));
    }

    boolean productionMoved(String service) {
        return steps.stream().anyMatch(s -> s.service().equals(service) && started.contains(s.index())
                && StepRunners.movesProduction(s.step()));
    }

    ApplyResult end(ApplyResult result) {
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
