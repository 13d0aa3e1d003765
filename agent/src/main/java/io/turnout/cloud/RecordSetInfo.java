package io.turnout.cloud;

import java.util.List;

/**
 * A resource record set. {@code name} with the final dot. For weighted records
 * {@code setIdentifier} and {@code weight} are set; otherwise both are null.
 */
public record RecordSetInfo(String name, String type, String setIdentifier, Long weight, long ttl,
                            List<String> values) {
    public RecordSetInfo {
        values = List.copyOf(values);
    }
}
