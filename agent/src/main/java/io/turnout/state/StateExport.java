package io.turnout.state;

import io.turnout.status.CommitOutcome;
import java.time.Instant;
import java.util.Collection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a state store holds, as one JSON document for support ({@code turnout state export}):
 * per environment its lease, facts (what the status shows), drift baseline, journal (an unfinished
 * deployment, if any) and every outcome kept, newest first. Read through the {@link StateStore}
 * interface only, so that it shows what the agent itself would read.
 */
public final class StateExport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StateExport() {
    }

    /** The document; {@code environments} empty: every environment the store holds anything about. */
    public static ObjectNode of(StateStore store, Collection<String> environments, Instant now) {
        ObjectNode document = NODES.objectNode();
        document.put("store", store.describe());
        document.put("exportedAt", now.toString());
        ArrayNode list = document.putArray("environments");
        for (String name : environments.isEmpty() ? store.environments() : environments) list.add(environment(store, name));
        return document;
    }

    private static ObjectNode environment(StateStore store, String name) {
        ObjectNode node = NODES.objectNode();
        node.put("name", name);
        node.set("lease", store.holder(name).<JsonNode>map(StateJson::tree).orElse(NODES.nullNode()));
        node.set("facts", StateJson.tree(store.facts(name)));
        node.set("driftBaseline", store.driftBaseline(name).<JsonNode>map(StateJson::tree).orElse(NODES.nullNode()));
        ArrayNode journal = node.putArray("journal");
        store.journal(name).entries().forEach(journal::add);
        ArrayNode outcomes = node.putArray("outcomes");
        for (CommitOutcome outcome : store.recentOutcomes(name, Integer.MAX_VALUE)) outcomes.add(StateJson.tree(outcome));
        return node;
    }
}
