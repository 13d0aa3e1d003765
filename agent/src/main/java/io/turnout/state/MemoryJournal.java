package io.turnout.state;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** A journal kept in memory: for tests, and for runs where surviving a restart does not matter ({@link LocalStateStore#inMemory()}). */
public final class MemoryJournal implements Journal {
    private final List<ObjectNode> entries = new ArrayList<>();

    @Override
    public synchronized void append(ObjectNode entry) {
        entries.add(entry.deepCopy());
    }

    @Override
    public synchronized List<ObjectNode> entries() {
        return entries.stream().map(ObjectNode::deepCopy).toList();
    }
}
