package io.turnout.apply;

import io.turnout.plan.PlanKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unfinished deployment of a journal, if its last {@code begin} has no {@code end}: the
 * plan's steps and commit, the snapshots, which steps started and ended (with what they produced),
 * whether a step failed and its rollback started or ended, and which approval gates have been
 * waiting since when.
 */
record JournalState(String at, Optional<String> commit, List<PlannedStep> steps, Map<String, ServiceSnapshot> snapshots,
                    Set<Integer> started, Map<Integer, JsonNode> done, Optional<Integer> failed,
                    Optional<String> failure, Set<String> rollbacksEnded, Map<Integer, Instant> waitingSince) {

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
        Map<String, ServiceSnapshot> snapshots = new LinkedHashMap<>();
        Set<Integer> started = new HashSet<>();
        Map<Integer, JsonNode> done = new LinkedHashMap<>();
        Optional<Integer> failed = Optional.empty();
        Optional<String> failure = Optional.empty();
        Set<String> rollbacksEnded = new HashSet<>();
        Map<Integer, Instant> waitingSince = new HashMap<>();
        for (ObjectNode e : entries.subList(begin + 1, entries.size())) {
            switch (e.path("type").asString()) {
                case "snapshot" -> snapshots.put(e.path("service").asString(),
                        JournalJson.read(e.get("state"), ServiceSnapshot.class));
                case "step-start" -> started.add(e.path("index").asInt());
                case "step-end" -> done.put(e.path("index").asInt(), e.path("result"));
                case "step-failed" -> {
                    failed = Optional.of(e.path("index").asInt());
                    failure = Optional.of(e.path("error").asString());
                }
                case "rollback-end" -> rollbacksEnded.add(e.path("service").asString());
                case "approval-wait" -> waitingSince.putIfAbsent(e.path("index").asInt(), Instant.parse(e.path("at").asString()));
                default -> { }
            }
        }
        return Optional.of(new JournalState(b.path("at").asString(), Optional.ofNullable(b.get("commit")).map(JsonNode::asString),
                steps, snapshots, started, done, failed, failure, rollbacksEnded, waitingSince));
    }
}
