package io.turnout.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a secret (token, password, key passphrase) is read from: an environment variable or a
 * file (a mounted Kubernetes/ECS secret). The value itself is never held in configuration, so it
 * cannot end up in a config dump; {@link #toString()} names only the location.
 */
public record SecretSource(Kind kind, String location) {
    public enum Kind { ENVIRONMENT_VARIABLE, FILE }

    public SecretSource {
        Objects.requireNonNull(kind, "kind");
        if (location == null || location.isBlank()) throw new IllegalArgumentException("a secret source needs an environment variable name or a file path");
    }

    public static SecretSource environmentVariable(String name) {
        return new SecretSource(Kind.ENVIRONMENT_VARIABLE, name);
    }

    public static SecretSource file(Path file) {
        return new SecretSource(Kind.FILE, file.toString());
    }

    /**
     * Reads the secret now. Trailing line breaks of a file are dropped (editors and
     * {@code echo} add one). The error names the location, never a value.
     */
    public String reveal(Map<String, String> environment) throws GitSourceException {
        String value = switch (kind) {
            case ENVIRONMENT_VARIABLE -> environment.get(location);
            case FILE -> readFile();
        };
        if (value == null || value.isEmpty()) {
            throw new GitSourceException(GitSourceException.Reason.CONFIGURATION, this + " is empty or not set: set it to the Git credential");
        }
        return value;
    }

    private String readFile() throws GitSourceException {
        try {
            return Files.readString(Path.of(location), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
        } catch (IOException e) {
            throw new GitSourceException(GitSourceException.Reason.CONFIGURATION,
                    "cannot read the secret file " + location + " (" + e.getClass().getSimpleName() + "): mount the secret there or change the path");
        }
    }

    @Override
    public String toString() {
        return kind == Kind.ENVIRONMENT_VARIABLE ? "environment variable " + location : "secret file " + location;
    }
}
