package io.turnout.spec.load;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves {@code taskDefinition.file} against the folder of the spec file that names it.
 * Only relative paths that stay inside the spec root are allowed: a spec repository must be
 * self-contained (the agent reads it from Git at a commit, where nothing else exists), and a
 * path like {@code ../../etc/passwd} must never be read.
 */
final class IncludePaths {
    private IncludePaths() {}

    /** A resolved path, or why the reference is not acceptable. */
    record Resolved(String path, String error) {
        boolean ok() {
            return error == null;
        }
    }

    static Resolved resolve(String specFile, String reference) {
        if (reference.isBlank()) return new Resolved(null, "the path is empty");
        if (reference.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) return new Resolved(null, "'" + reference + "' contains a control character");
        if (reference.startsWith("/") || reference.matches("^[A-Za-z]:.*") || reference.startsWith("~")) {
            return new Resolved(null, "'" + reference + "' is an absolute path; write it relative to " + specFile);
        }
        if (reference.contains("\\")) return new Resolved(null, "'" + reference + "' uses backslashes; use forward slashes");
        if (reference.contains("://")) return new Resolved(null, "'" + reference + "' is a URL; Turnout reads task definitions from the spec repository only");
        String last = reference.substring(reference.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.equals(".") || last.equals("..")) {
            return new Resolved(null, "'" + reference + "' names a folder, not a file");
        }
        Deque<String> segments = new ArrayDeque<>();
        int slash = specFile.lastIndexOf('/');
        if (slash > 0) for (String s : specFile.substring(0, slash).split("/")) segments.addLast(s);
        for (String s : reference.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    return new Resolved(null, "'" + reference + "' leads outside the spec repository");
                }
                segments.removeLast();
            } else {
                segments.addLast(s);
            }
        }
        if (segments.isEmpty()) return new Resolved(null, "'" + reference + "' names a folder, not a file");
        return new Resolved(String.join("/", segments), null);
    }
}
