package io.turnout.spec.load;

import io.turnout.spec.SourceLocation;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a parsed document starts, by JSON pointer: the value's position and,
 * for object members, the key's. Problems about a member point at its key (the line a person
 * looks for); problems about a scalar point at the scalar itself.
 */
final class SourcePositions {
    private final String file;
    private final Map<String, SourceLocation> values = new HashMap<>();
    private final Map<String, SourceLocation> keys = new HashMap<>();
    private final Map<String, Boolean> containers = new HashMap<>();

    SourcePositions(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void value(String pointer, int line, int column, boolean container) {
        values.putIfAbsent(pointer, new SourceLocation(file, line, column));
        containers.putIfAbsent(pointer, container);
    }

    void key(String pointer, int line, int column) {
        keys.putIfAbsent(pointer, new SourceLocation(file, line, column));
    }

    /** The key's position when there is one, else the value's; for unknown pointers, the nearest ancestor's. */
    SourceLocation locate(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            SourceLocation key = keys.get(p);
            SourceLocation value = values.get(p);
            if (key != null && (value == null || containers.getOrDefault(p, false))) return key;
            if (value != null) return value;
            if (key != null) return key;
            if (p.isEmpty()) return new SourceLocation(file, 1, 1);
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The value's own position (for scalars: where the scalar is written). */
    SourceLocation locateValue(String pointer) {
        SourceLocation value = values.get(pointer);
        return value != null ? value : locate(pointer);
    }

    /** The key's position of an object member, e.g. of an unknown field. */
    SourceLocation locateKey(String pointer) {
        SourceLocation key = keys.get(pointer);
        return key != null ? key : locate(pointer);
    }
}
