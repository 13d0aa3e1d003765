package io.turnout.apply;

import io.turnout.plan.Plan;
import io.turnout.state.Journal;
import io.turnout.status.ServiceOutcome;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entries one deployment writes to its environment's {@link Journal}, in one place. Every
 * service deploys on its own track, and its entries name it ({@code service}), so that one
 * environment's journal holds every track and {@link JournalState} reads each back on its own:
 * <ul>
 *   <li>{@code begin}: the plan's steps (index over the plan, service, kind), each service's
 *       {@code dependsOn} within the plan ({@code order}) and {@code maxParallel};</li>
 *   <li>{@code snapshot}: a service's state before any change (what a rollback restores);</li>
 *   <li>{@code step-start}, {@code step-end} (with what the step produced), {@code step-failed};</li>
 *   <li>{@code approval-wait}: a service reached its approval gate (with the deadline), see {@link ApprovalGate};</li>
 *   <li>{@code rollback-start}, {@code rollback-end} (what was restored), {@code rollback-failed};</li>
 *   <li>{@code service-end}: the track is over — applied, rolled back, failed or skipped — and is
 *       never touched again, also not by a recovery;</li>
 *   <li>{@code end}: the whole deployment is over (not written while a service waits for approval).</li>
 * </ul>
 * Appends are thread-safe (the journal's contract), so tracks write their own entries.
 */
final class DeploymentJournal {
    private final Journal journal;
    private final InstantSource clock;

    DeploymentJournal(Journal journal, InstantSource clock) {
        this.journal = journal;
        this.clock = clock;
    }

    void begin(Plan plan, List<PlannedStep> steps, Map<String, List<String>> order, int maxParallel) {
        ObjectNode begin = entry("begin").put("environment", plan.environment()).put("maxParallel", maxParallel);
        plan.commit().ifPresent(c -> begin.put("commit", c));
        ArrayNode list = begin.putArray("steps");
        for (PlannedStep s : steps) {
            ObjectNode node = JournalJson.step(s.step());
            node.put("index", s.index()).put("service", s.service()).put("kind", s.kind().name());
            list.add(node);
        }
        ObjectNode dependsOn = begin.putObject("order");
        order.forEach((service, names) -> {
            ArrayNode a = dependsOn.putArray(service);
            names.forEach(a::add);
        });
        journal.append(begin);
    }

    void snapshot(String service, ServiceSnapshot snapshot) {
        journal.append(JournalJson.NODES.objectNode().put("type", "snapshot").put("service", service)
                .set("state", JournalJson.tree(snapshot)));
    }

    void stepStarted(String service, int index) {
        journal.append(entry("step-start").put("service", service).put("index", index));
    }

    void stepEnded(String service, int index, ObjectNode result) {
        journal.append(entry("step-end").put("service", service).put("index", index).set("result", result));
    }

    void stepFailed(String service, int index, String error) {
        journal.append(entry("step-failed").put("service", service).put("index", index).put("error", error));
    }

    /** An approval gate began waiting (once per gate): the wait survives restarts, with its deadline. */
    void approvalWait(String service, int index, Instant deadline) {
        journal.append(entry("approval-wait").put("service", service).put("index", index).put("deadline", deadline.toString()));
    }

    void rollbackStarted(String service) {
        journal.append(entry("rollback-start").put("service", service));
    }

    void rollbackEnded(String service, List<String> restored) {
        ObjectNode end = entry("rollback-end").put("service", service);
        ArrayNode list = end.putArray("restored");
        restored.forEach(list::add);
        journal.append(end);
    }

    void rollbackFailed(String service, String error) {
        journal.append(entry("rollback-failed").put("service", service).put("error", error));
    }

    void serviceEnded(ServiceOutcome outcome) {
        journal.append(entry("service-end").put("service", outcome.service()).put("result", outcome.result().name())
                .put("detail", outcome.detail()));
    }

    void end(ApplyResult result) {
        ObjectNode end = entry("end").put("status", result.status().name());
        ArrayNode messages = end.putArray("messages");
        result.messages().forEach(messages::add);
        journal.append(end);
    }

    private ObjectNode entry(String type) {
        return JournalJson.NODES.objectNode().put("type", type).put("at", clock.instant().toString());
    }
}
