package io.turnout.notify;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generic JSON webhook, signed as GitHub signs its own: {@code X-Hub-Signature-256: sha256=<hex
 * HMAC-SHA256 of the raw body, keyed with the shared secret>}, so receivers can reuse their GitHub
 * webhook verification. {@code X-Turnout-Event} names the kind ({@code applied} …).
 */
public final class WebhookChannel implements Channel {
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    public static final String EVENT_HEADER = "X-Turnout-Event";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI url;
    private final byte[] secret;
    private final Predicate<Notice> wants;
    private final Delivery delivery = new Delivery();

    /** @param secret the signing key; empty: unsigned (the receiver then cannot tell Turnout from anyone) */
    public WebhookChannel(URI url, byte[] secret, Predicate<Notice> wants) {
        this.url = url;
        this.secret = secret.clone();
        this.wants = wants;
    }

    @Override
    public String describe() {
        return "webhook on " + url.getHost();
    }

    @Override
    public boolean wants(Notice notice) {
        return wants.test(notice);
    }

    @Override
    public void send(Notice notice) throws IOException {
        byte[] body = payload(notice).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        headers.put(EVENT_HEADER, notice.kind().event());
        if (secret.length > 0) headers.put(SIGNATURE_HEADER, signature(secret, body));
        delivery.post(url, describe(), body, headers);
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body}. */
    public static String signature(byte[] key, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmacSha256(key, body));
    }

    /** HMAC-SHA256 of {@code message} under {@code key}: the one used for what Turnout signs and what it checks. */
    public static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The JSON document, its fields always present (null when unknown). */
    static String payload(Notice n) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("event", n.kind().event());
        body.put("environment", n.environment());
        body.put("at", n.at().toString());
        ObjectNode commit = body.putObject("commit");
        if (n.commit().isPresent()) commit.put("id", n.commit().get());
        else commit.putNull("id");
        commit.put("subject", n.subject());
        commit.put("author", n.author());
        ArrayNode services = body.putArray("services");
        n.services().forEach(services::add);
        body.put("summary", NoticeText.headline(n));
        body.put("detail", n.detail());
        if (n.link().isPresent()) body.put("statusPage", n.link().get());
        else body.putNull("statusPage");
        return JSON.writeValueAsString(body);
    }
}
