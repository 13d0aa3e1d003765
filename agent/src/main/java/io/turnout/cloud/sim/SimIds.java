package io.turnout.cloud.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ids: derived from a seed string (usually the resource's name and partition), never random. */
final class SimIds {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private SimIds() {}

    /** {@code length} lower-case hex characters derived from {@code seed}. */
    static String hex(String seed, int length) {
        return HexFormat.of().formatHex(sha256(seed)).substring(0, length);
    }

    /** {@code length} upper-case letters and digits derived from {@code seed} (Route 53 style ids). */
    static String upperAlnum(String seed, int length) {
        byte[] digest = sha256(seed);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append(ALNUM.charAt((digest[i % digest.length] & 0xff) % ALNUM.length()));
        return s.toString();
    }

    /** {@code length} decimal digits derived from {@code seed}. */
    static String digits(String seed, int length) {
        byte[] digest = sha256(seed);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append((digest[i % digest.length] & 0xff) % 10);
        return s.toString();
    }

    private static byte[] sha256(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
