package io.turnout.spec.load;

import java.io.IOException;
import java.util.List;

/**
 * The files of a spec repository, wherever they live: a folder on disk
 * ({@link DirectorySpecFiles}) or a Git tree at a commit (the agent's spec source).
 * Paths are relative to the spec root, with forward slashes, never starting with "/"
 * and never containing "." or ".." segments.
 */
public interface SpecFiles {
    /** Every regular file below the root, sorted; hidden files and folders (".git") excluded. */
    List<String> list() throws IOException;

    /** The size of a file in bytes, without reading it; -1 when it does not exist. */
    long size(String path) throws IOException;

    /** The file's bytes. Callers check {@link #size} against their limit first. */
    byte[] read(String path) throws IOException;

    /** A name for messages: the folder, or {@code repo@commit}. */
    String describe();
}
