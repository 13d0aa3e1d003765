package io.turnout.cloud.sim;

import io.turnout.error.TurnoutException;

/** A world file that cannot be read: the message names the file and the field ({@code world.yaml: spec.regions[0].clusters: …}). */
public final class WorldFileException extends TurnoutException {
    private static final String NEXT_STEP = "Fix the world file; its format is described in specs-example/README.md.";

    public WorldFileException(String message) {
        super(message, NEXT_STEP);
    }

    public WorldFileException(String message, Throwable cause) {
        super(message, NEXT_STEP, cause);
    }
}
