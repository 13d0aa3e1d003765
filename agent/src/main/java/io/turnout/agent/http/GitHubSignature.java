package io.turnout.agent.http;

import io.micronaut.core.annotation.Nullable;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * GitHub's webhook signature: header {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of
 * the raw request body keyed with the webhook's secret. Verified over the bytes as received (never
 * a re-serialised payload, which would differ in whitespace) and compared in constant time.
 */
final class GitHubSignature {
    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";
    private static final HexFormat HEX = HexFormat.of();

    private GitHubSignature() {}

    /** Whether {@code header} is the signature of {@code body} under {@code secret}. */
    static boolean verify(Secret secret, byte[] body, @Nullable String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) return false;
        byte[] presented;
        try {
            presented = HEX.parseHex(header.substring(PREFIX.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(secret.hmacSha256(body), presented);
    }

    /** The header value GitHub would send for {@code body}. */
    static String sign(Secret secret, byte[] body) {
        return PREFIX + HEX.formatHex(secret.hmacSha256(body));
    }
}
