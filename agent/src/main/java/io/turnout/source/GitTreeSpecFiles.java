package io.turnout.source;

import io.turnout.spec.load.DirectorySpecFiles.OutsideSpecRootException;
import io.turnout.spec.load.SpecFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The spec files of one commit, read straight from its Git tree: no work tree, no checkout, so
 * what is loaded is exactly what was committed (no stray local edits) and several commits can
 * be read side by side (a pull request's plan next to the deployed state).
 *
 * <p>Rules, matching {@link io.turnout.spec.load.DirectorySpecFiles}: paths are relative to
 * {@code path} inside the repository; hidden files and folders are not listed.
 * <b>Symbolic links are not followed</b>: in a Git tree a link is only a blob holding a target
 * path, so a link is reported as not a regular file (not listed, {@link #size} -1, {@link #read}
 * fails saying so). Submodules are ignored the same way. {@link #size} comes from the object
 * header, without inflating the blob.
 */
public final class GitTreeSpecFiles implements SpecFiles {
    private final Repository repository;
    private final ObjectId commit;
    private final String path;
    private final String description;
    /** The spec folder's tree, found on first use (a commit never changes). */
    private volatile ObjectId specRootTree;

    /**
     * @param path        the spec folder inside the repository, "" for its root
     * @param description how messages name this tree, e.g. {@code https://host/repo.git@1a2b3c4d5e6f}
     */
    public GitTreeSpecFiles(Repository repository, ObjectId commit, String path, String description) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.commit = commit.copy();
        this.path = path == null ? "" : path;
        this.description = description;
    }

    public ObjectId commit() {
        return commit;
    }

    @Override
    public List<String> list() throws IOException {
        List<String> files = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(repository, reader)) {
            walk.addTree(specRoot(reader));
            walk.setRecursive(false);
            while (walk.next()) {
                if (walk.getNameString().startsWith(".")) continue;
                FileMode mode = walk.getFileMode(0);
                if (mode == FileMode.TREE) {
                    walk.enterSubtree();
                } else if (isRegular(mode)) {
                    files.add(walk.getPathString());
                }
            }
        }
        files.sort(null);
        return files;
    }

    @Override
    public long size(String file) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            Entry entry = find(reader, file);
            if (entry == null || !isRegular(entry.mode())) return -1;
            return reader.getObjectSize(entry.id(), Constants.OBJ_BLOB);
        }
    }

    @Override
    public byte[] read(String file) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            Entry entry = find(reader, file);
            if (entry == null) throw new NoSuchFileException(file, null, "not in " + description);
            if (entry.mode() == FileMode.SYMLINK) {
                throw new IOException("'" + file + "' is a symbolic link in " + description
                        + ": Turnout reads only regular files from the spec repository; commit the file itself instead of a link");
            }
            if (!isRegular(entry.mode())) throw new NoSuchFileException(file, null, "not a regular file in " + description);
            return reader.open(entry.id(), Constants.OBJ_BLOB).getBytes();
        }
    }

    @Override
    public String describe() {
        return description;
    }

    private record Entry(ObjectId id, FileMode mode) {
    }

    private Entry find(ObjectReader reader, String file) throws IOException {
        checkRelative(file);
        RevTree root = specRoot(reader);
        try (TreeWalk walk = TreeWalk.forPath(reader, file, root)) {
            return walk == null ? null : new Entry(walk.getObjectId(0), walk.getFileMode(0));
        }
    }

    private RevTree specRoot(ObjectReader reader) throws IOException {
        ObjectId known = specRootTree;
        try (RevWalk revWalk = new RevWalk(reader)) {
            if (known != null) return revWalk.parseTree(known);
            RevTree root = findSpecRoot(reader, revWalk);
            specRootTree = root.copy();
            return root;
        }
    }

    private RevTree findSpecRoot(ObjectReader reader, RevWalk revWalk) throws IOException {
        RevTree tree = revWalk.parseCommit(commit).getTree();
        if (path.isEmpty()) return tree;
        try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
            if (walk == null || walk.getFileMode(0) != FileMode.TREE) {
                throw new NoSuchFileException(path, null, "the spec folder is not in " + description
                        + ": check the configured path inside the repository");
            }
            return revWalk.parseTree(walk.getObjectId(0));
        }
    }

    private static boolean isRegular(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    private static void checkRelative(String file) throws IOException {
        if (file.isEmpty() || file.startsWith("/") || file.contains("\\") || file.contains(":")) {
            throw new OutsideSpecRootException(file, "not a relative path with forward slashes");
        }
        for (String segment : file.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new OutsideSpecRootException(file, "it has an empty, '.' or '..' segment");
            }
        }
    }
}
