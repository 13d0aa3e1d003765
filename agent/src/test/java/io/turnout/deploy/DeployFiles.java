package io.turnout.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository the tests run in (surefire runs with {@code agent/} as working directory). */
final class DeployFiles {
    private DeployFiles() {}

    /** The repository root: the first parent of the working directory that has {@code deploy/} and {@code mvnw}. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("mvnw"))) return p;
        }
        throw new IllegalStateException("no repository root (a folder with deploy/ and mvnw) above " + dir);
    }

    static Path deploy(String relative) {
        return repositoryRoot().resolve("deploy").resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
