package io.turnout.apply;

import io.turnout.plan.PlanKind;
import io.turnout.status.ServiceOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unfinished deployment of a journal, if its last {@code begin} has no {@code end}: the plan's
 * steps, the order between services and {@code maxParallel} ({@link DeploymentJournal}), the
 * snapshots, which steps started and ended (with what they produced), and per service — its track —
 * whether a step failed, whether its rollback ended and whether the track itself ended; and which
 * approval gates have been waiting since when ({@code approval-wait}).
 *
 * <p>Journals written before services had tracks have no {@code order}, {@code maxParallel},
 * {@code service} fields on step entries nor {@code service-end}; they read as services without
 * dependencies whose state comes from their steps alone.
 */
record JournalState(String at, Optional<String> commit, List<PlannedStep> steps, Map<String, ServiceSnapshot> snapshots,
                    Map<String, List<String>> order, OptionalInt maxParallel, Set<Integer> started,
                    Map<Integer, JsonNode> done, Map<String, Failure> failures, Set<String> rollbacksEnded,
                    Map<String, ServiceOutcome> ended, Map<Integer, Instant> waitingSince) {

    /** The step of a service that failed, and why. */
    record Failure(int index, String reason) {
    }

    static Optional<JournalState> read(List<ObjectNode> entries) {
        int begin = -1;
        for (int i = 0; i < entries.size(); i++) {
            if ("begin".equals(entries.get(i).path("type").asString())) begin = i;
        }
        if (begin < 0) return Optional.empty();
        for (int i = begin + 1; i < entries.size(); i++) {
            if ("end".equals(entries.get(i).path("type").asString())) return Optional.empty();
        }
        ObjectNode b = entries.get(begin);
        List<PlannedStep> steps = new ArrayList<>();
        for (JsonNode s : b.path("steps")) {
            steps.add(new PlannedStep(s.path("index").asInt(), s.path("service").asString(),
                    PlanKind.valueOf(s.path("kind").asString()), JournalJson.step(s)));
        }
        Map<String, List<String>> order = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : b.path("order").properties()) {
            List<String> names = new ArrayList<>();
            e.getValue().forEach(n -> names.add(n.asString()));
            order.put(e.getKey(), List.copyOf(names));
        }
        OptionalInt maxParallel = b.has("maxParallel") ? OptionalInt.of(b.get("maxParallel").asInt()) : OptionalInt.empty();
        Map<String, ServiceSnapshot> snapshots = new LinkedHashMap<>();
        Set<Integer> started = new HashSet<>();
        Map<Integer, JsonNode> done = new LinkedHashMap<>();
        Map<String, Failure> failures = new HashMap<>();
        Set<String> rollbacksEnded = new HashSet<>();
        Map<String, ServiceOutcome> ended = new TreeMap<>();
        Map<Integer, Instant> waitingSince = new HashMap<>();
        for (ObjectNode e : entries.subList(begin + 1, entries.size())) {
            switch (e.path("type").asString()) {
                case "snapshot" -> snapshots.put(e.path("service").asString(),
                        JournalJson.read(e.get("state"), ServiceSnapshot.class));
                case "step-start" -> started.add(e.path("index").asInt());
                case "step-end" -> done.put(e.path("index").asInt(), e.path("result"));
                case "step-failed" -> {
                    int index = e.path("index").asInt();
                    String service = e.has("service") ? e.get("service").asString() : steps.get(index).service();
                    failures.put(service, new Failure(index, e.path("error").asString()));
                }
                case "rollback-end" -> rollbacksEnded.add(e.path("service").asString());
                case "service-end" -> ended.put(e.path("service").asString(), new ServiceOutcome(e.path("service").asString(),
                        ServiceOutcome.Result.valueOf(e.path("result").asString()), e.path("detail").asString()));
                case "approval-wait" -> waitingSince.putIfAbsent(e.path("index").asInt(), Instant.parse(e.path("at").asString()));
                default -> { }
            }
        }
        return Optional.of(new JournalState(b.path("at").asString(), Optional.ofNullable(b.get("commit")).map(JsonNode::asString),
                steps, snapshots, order, maxParallel, started, done, failures, rollbacksEnded, ended, waitingSince));
    }

    /** The steps of {@code service}, in plan order. */
    List<PlannedStep> steps(String service) {
        return steps.stream().filter(s -> s.service().equals(service)).toList();
    }
}
