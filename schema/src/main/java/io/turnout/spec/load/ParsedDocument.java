package io.turnout.spec.load;

import io.turnout.spec.SourceLocation;
import tools.jackson.databind.JsonNode;

/** One parsed spec or task definition file: its single document and where each node of it is written. */
record ParsedDocument(String path, JsonNode root, SourcePositions positions) {
    SourceLocation locate(String pointer) {
        return positions.locate(pointer);
    }

    /** The node at {@code pointer}, or a missing node. */
    JsonNode at(String pointer) {
        return root.at(pointer);
    }
}
