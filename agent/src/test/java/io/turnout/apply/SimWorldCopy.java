package io.turnout.apply;

import java.nio.file.Path;

/** Copies a spec folder (test helper shared with the CLI tests). */
public final class SimWorldCopy {
    private SimWorldCopy() {}

    public static Path copy(Path from, Path to) {
        return SimWorld.copy(from, to);
    }
}
