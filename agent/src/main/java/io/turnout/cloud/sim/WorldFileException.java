package io.turnout.cloud.sim;

/** A world file that cannot be read: the message names the file and the field ({@code world.yaml: spec.regions[0].clusters: …}). */
public final class WorldFileException extends RuntimeException {
    public WorldFileException(String message) {
        super(message);
    }

    public WorldFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
