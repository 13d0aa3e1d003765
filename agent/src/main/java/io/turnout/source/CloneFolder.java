package io.turnout.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The folder name of a repository's clone under the data directory: readable (host and path of
 * the URL, every other character replaced by '_') plus a short hash of the whole URL, so two
 * URLs that read alike ({@code a/b-c} and {@code a-b/c}) never share a clone.
 */
final class CloneFolder {
    private static final int READABLE_LENGTH = 80;

    private CloneFolder() {
    }

    static String nameFor(String url) {
        String readable = url.strip()
                .replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "")   // scheme
                .replaceFirst("^[^@/]*@", "")                       // user (never a password: GitRemote refuses those)
                .replaceAll("\\.git/?$", "")
                .replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("^[._-]+", "");
        if (readable.length() > READABLE_LENGTH) readable = readable.substring(readable.length() - READABLE_LENGTH);
        if (readable.isEmpty()) readable = "repo";
        return readable + "-" + shortHash(url.strip()) + ".git";
    }

    private static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
