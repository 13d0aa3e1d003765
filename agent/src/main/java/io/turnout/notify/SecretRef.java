package io.turnout.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a notification secret (a Slack webhook URL, a signing key) is read from: an environment
 * variable or a file (a mounted secret), never the configuration itself. {@link #toString()}
 * names the place, not the value.
 */
public record SecretRef(Optional<String> environmentVariable, Optional<Path> file) {
    public SecretRef {
        if (environmentVariable.isPresent() == file.isPresent()) {
            throw new IllegalArgumentException("name exactly one of an environment variable or a file for the secret");
        }
    }

    /** The value now (a file's trailing line breaks dropped); an IllegalArgumentException naming the place when empty. */
    public String read(Map<String, String> environment) {
        String value;
        if (environmentVariable.isPresent()) {
            value = environment.get(environmentVariable.get());
        } else {
            try {
                value = Files.readString(file.get(), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + this + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        if (value == null || value.isBlank()) throw new IllegalArgumentException(this + " is empty or not set");
        return value;
    }

    @Override
    public String toString() {
        return environmentVariable.map(v -> "environment variable " + v).orElseGet(() -> "secret file " + file.get());
    }
}
