package io.turnout.agent.http;

import io.turnout.notify.WebhookChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A configured secret (API token, webhook secret or token). Its value never leaves this class
 * except as an HMAC key, and {@link #toString()} is redacted, so a secret cannot reach a log line
 * by accident.
 */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** The secret, or empty when {@code value} is null or blank (the feature it guards stays disabled). */
    public static Optional<Secret> of(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        return Optional.of(new Secret(value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code presented} equals the secret, in time that does not depend on where the two
     * differ, nor on their lengths: both sides are hashed first, then compared with
     * {@link MessageDigest#isEqual} (constant time for equal-length inputs).
     */
    public boolean matches(String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(sha256(value), sha256(presented.getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SHA256 of {@code message} keyed with this secret. */
    public byte[] hmacSha256(byte[] message) {
        return WebhookChannel.hmacSha256(value, message);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
