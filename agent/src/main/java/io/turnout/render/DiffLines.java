package io.turnout.render;

import io.turnout.diff.Change;
import io.turnout.diff.ChangeType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A change as lines: a header with the path ({@code ~} modified, {@code +} added, {@code -}
 * removed), then {@code - before} and {@code + after} with the values as compact JSON.
 */
final class DiffLines {
    /** What a line is, so a renderer can colour it. */
    enum Kind { HEADER, BEFORE, AFTER }

    record Line(Kind kind, String text) {}

    private DiffLines() {}

    static List<Line> of(Change change) {
        List<Line> lines = new ArrayList<>();
        String marker = switch (change.type()) {
            case ADD -> "+";
            case REMOVE -> "-";
            case MODIFY -> "~";
        };
        lines.add(new Line(Kind.HEADER, marker + " " + change.path()));
        if (change.type() != ChangeType.ADD) lines.add(new Line(Kind.BEFORE, "- " + value(change.before())));
        if (change.type() != ChangeType.REMOVE) lines.add(new Line(Kind.AFTER, "+ " + value(change.after())));
        return lines;
    }

    static String value(JsonNode node) {
        return node.toString();
    }
}
