package io.turnout.plan;

import io.turnout.diff.Normalizer;
import io.turnout.spec.EffectiveService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A short, stable fingerprint of a service's effective spec in one environment, written as
 * the {@code turnout:spec-hash} tag: the first 16 hex digits of SHA-256 over the normalised
 * task definition, service settings (desired count included) and strategy, as canonical JSON.
 * Formatting, key order and AWS defaults written out or left implicit do not change it.
 */
public final class SpecHash {
    private SpecHash() {}

    public static String of(EffectiveService service) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("name", service.name());
        doc.put("environment", service.environment());
        doc.set("taskDefinition", Normalizer.taskDefinition(service.taskDefinition()));
        ObjectNode settings = Normalizer.serviceSettings(service.service());
        if (service.service().has("desiredCount")) settings.set("desiredCount", service.service().get("desiredCount"));
        doc.set("service", settings);
        doc.set("strategy", PlanJson.tree(service.strategy()));
        return sha256(PlanJson.tree(doc).toString()).substring(0, 16);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
