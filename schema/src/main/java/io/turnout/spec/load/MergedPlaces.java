package io.turnout.spec.load;

import io.turnout.spec.JsonMerge;
import io.turnout.spec.SourceLocation;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Where a value of an effective document was written: a document as one environment sees it is
 * the base (a task definition or service settings) with that environment's override merged in
 * ({@link JsonMerge}: objects key by key, lists of named objects by name, anything else
 * replaced). A problem found in the merged document must point at the line that set the
 * value: the override's when the override wrote it, else the base's.
 *
 * @param base     the document the base was read from, and where in it the base starts
 * @param override the document and pointer of the environment's patch, if there is one
 */
record MergedPlaces(Place base, Optional<Place> override) {
    /** A pointer inside one parsed document. */
    record Place(ParsedDocument doc, String pointer) {
        SourceLocation location() {
            return doc.positions().locateValue(pointer);
        }

        Place child(String segment) {
            return new Place(doc, pointer + "/" + segment);
        }

        JsonNode node() {
            return doc.at(pointer);
        }
    }

    static MergedPlaces of(ParsedDocument doc, String pointer) {
        return new MergedPlaces(new Place(doc, pointer), Optional.empty());
    }

    /** The effective document: the base with the override merged in. */
    JsonNode merged() {
        return JsonMerge.merge(base.node(), override.map(Place::node).orElse(null));
    }

    /** Where the value at {@code pointer} (a JSON pointer into {@link #merged()}) was written. */
    Place of(String pointer) {
        if (override.isEmpty()) return new Place(base.doc(), base.pointer() + pointer);
        JsonNode merged = merged();
        Place inBase = base;
        Place inOverride = override.orElse(null);
        boolean baseAlive = true;
        Place lastInOverride = null;
        for (String segment : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            JsonNode m = merged.path(unescape(segment));
            if (merged.isArray()) {
                int index = parse(segment);
                m = merged.path(index);
                String name = m.path("name").isString() ? m.path("name").asString() : null;
                JsonNode patch = inOverride == null ? null : inOverride.node();
                boolean byName = name != null && patch != null && patch.isArray() && named(patch) && named(inBase.node());
                if (inOverride != null) {
                    int j = byName ? indexOf(patch, name) : (patch != null && patch.isArray() ? index : -1);
                    inOverride = j < 0 ? null : inOverride.child(String.valueOf(j));
                }
                // a patch list that is not merged by name replaced the base's list
                if (patch != null && patch.isArray() && !byName) baseAlive = false;
                if (baseAlive) {
                    int k = name != null && named(inBase.node()) ? indexOf(inBase.node(), name) : index;
                    inBase = inBase.child(String.valueOf(k));
                }
            } else {
                if (inOverride != null) inOverride = inOverride.child(segment);
                inBase = inBase.child(segment);
            }
            if (inOverride != null && inOverride.node().isMissingNode()) inOverride = null;
            if (inOverride != null) lastInOverride = inOverride;
            merged = m;
        }
        if (inOverride != null) return inOverride;
        if (baseAlive && !inBase.node().isMissingNode()) return inBase;
        return lastInOverride != null ? lastInOverride : inBase;
    }

    /** Whether {@code pointer} of the merged document comes from the environment's override. */
    boolean fromOverride(String pointer) {
        return override.isPresent() && of(pointer).doc() == override.get().doc()
                && of(pointer).pointer().startsWith(override.get().pointer());
    }

    private static boolean named(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) return false;
        for (JsonNode element : array) if (!element.path("name").isString()) return false;
        return true;
    }

    private static int indexOf(JsonNode array, String name) {
        for (int i = 0; i < array.size(); i++) if (name.equals(array.get(i).path("name").asString())) return i;
        return -1;
    }

    private static int parse(String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
