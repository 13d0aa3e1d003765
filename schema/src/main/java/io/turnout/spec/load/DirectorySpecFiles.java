package io.turnout.spec.load;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec repository in a folder on disk. Hidden files and folders (".git", ".github") are not
 * listed; symbolic links to folders are not followed while listing. Reading or sizing a path
 * whose real location (symbolic links resolved) is outside the root fails with
 * {@link OutsideSpecRootException}, so a link cannot smuggle in files from elsewhere on the disk.
 */
public final class DirectorySpecFiles implements SpecFiles {
    private final Path root;

    public DirectorySpecFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(root)) throw new NoSuchFileException(root.toString(), null, "spec root is not a folder");
        List<String> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                // symbolic links to files are listed (reading them checks where they point)
                if (!hidden(file) && (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file)))) {
                    files.add(relative(file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    @Override
    public long size(String path) throws IOException {
        Path file = resolve(path);
        if (!Files.exists(file)) return -1;
        Path real = checkInside(path, file);
        return Files.isRegularFile(real) ? Files.size(real) : -1;
    }

    @Override
    public byte[] read(String path) throws IOException {
        return Files.readAllBytes(checkInside(path, resolve(path)));
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private Path resolve(String path) throws IOException {
        if (path.startsWith("/") || path.contains("\\") || path.contains(":")) {
            throw new OutsideSpecRootException(path, "not a relative path with forward slashes");
        }
        Path file;
        try {
            file = root.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw new OutsideSpecRootException(path, "not a path this system can open (" + e.getReason() + ")");
        }
        if (!file.startsWith(root)) throw new OutsideSpecRootException(path, "it leaves the spec root");
        return file;
    }

    private Path checkInside(String path, Path file) throws IOException {
        Path realRoot = root.toRealPath();
        Path real = file.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new OutsideSpecRootException(path, Files.isSymbolicLink(file) || !real.equals(file.toRealPath(LinkOption.NOFOLLOW_LINKS))
                    ? "it is a symbolic link to " + real + ", outside the spec root" : "it is outside the spec root");
        }
        return real;
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** A path that resolves to somewhere outside the spec root (directly or through a symbolic link). */
    public static final class OutsideSpecRootException extends IOException {
        public OutsideSpecRootException(String path, String why) {
            super("'" + path + "' is not inside the spec repository: " + why);
        }
    }
}
