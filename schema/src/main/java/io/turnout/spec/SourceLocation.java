package io.turnout.spec;

/**
 * Where something came from in the spec repository: a path relative to the spec root
 * (always with forward slashes), and a 1-based line and column (0 when unknown).
 */
public record SourceLocation(String file, int line, int column) {
    /** A file name can hold control characters too; it is escaped for display (see {@link DisplayText}). */
    public SourceLocation {
        file = DisplayText.escape(file);
    }

    public static SourceLocation of(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) return file;
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
