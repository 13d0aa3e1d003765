package io.turnout.agent.runtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.turnout.notify.Channel;
import io.turnout.notify.Notice;
import io.turnout.notify.SecretRef;
import io.turnout.notify.SlackChannel;
import io.turnout.notify.WebhookChannel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code turnout.agent.notifications.<name>.*}: one notification target. {@code environments}
 * (default: all) and {@code events} (default: all of started, applied, failed, rolled-back, drift,
 * waiting-for-approval) say what it hears about; then either {@code slack.url-env}/{@code slack.url-file}
 * (the incoming webhook's URL is a secret) or {@code webhook.url} with {@code webhook.secret-env}/
 * {@code webhook.secret-file} (the HMAC key of {@code X-Hub-Signature-256}).
 */
@EachProperty("turnout.agent.notifications")
public class NotificationConfiguration {
    private final String name;
    private List<String> environments = List.of();
    private List<String> events = List.of();
    private Slack slack = new Slack();
    private Webhook webhook = new Webhook();

    public NotificationConfiguration(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public List<String> getEnvironments() {
        return environments;
    }

    public void setEnvironments(List<String> environments) {
        this.environments = environments == null ? List.of() : List.copyOf(environments);
    }

    public List<String> getEvents() {
        return events;
    }

    public void setEvents(List<String> events) {
        this.events = events == null ? List.of() : List.copyOf(events);
    }

    public Slack getSlack() {
        return slack;
    }

    public void setSlack(Slack slack) {
        this.slack = slack;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    public void setWebhook(Webhook webhook) {
        this.webhook = webhook;
    }

    /** The channel this configuration describes; an IllegalArgumentException naming the key to fix otherwise. */
    public Channel toChannel(Map<String, String> variables) {
        String key = "turnout.agent.notifications." + name;
        Set<Notice.Kind> kinds = events.isEmpty() ? Set.of(Notice.Kind.values())
                : events.stream().map(Notice.Kind::fromEvent).collect(Collectors.toSet());
        Set<String> envs = Set.copyOf(environments);
        Predicate<Notice> wants = n -> kinds.contains(n.kind()) && (envs.isEmpty() || envs.contains(n.environment()));
        Optional<SecretRef> slackUrl = secret(slack.urlEnv, slack.urlFile, key + ".slack.url-env", key + ".slack.url-file");
        boolean hook = webhook.url != null && !webhook.url.isBlank();
        if (slackUrl.isPresent() == hook) {
            throw new IllegalArgumentException(key + ": set either slack.url-env (or slack.url-file) or webhook.url");
        }
        if (slackUrl.isPresent()) return new SlackChannel(uri(slackUrl.get().read(variables), key + ".slack"), wants);
        Optional<SecretRef> signing = secret(webhook.secretEnv, webhook.secretFile, key + ".webhook.secret-env",
                key + ".webhook.secret-file");
        byte[] secret = signing.map(s -> s.read(variables).getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        return new WebhookChannel(uri(webhook.url, key + ".webhook.url"), secret, wants);
    }

    private static Optional<SecretRef> secret(String env, Path file, String envKey, String fileKey) {
        boolean hasEnv = env != null && !env.isBlank();
        if (hasEnv && file != null) throw new IllegalArgumentException("set " + envKey + " or " + fileKey + ", not both");
        if (hasEnv) return Optional.of(new SecretRef(Optional.of(env), Optional.empty()));
        if (file != null) return Optional.of(new SecretRef(Optional.empty(), Optional.of(file)));
        return Optional.empty();
    }

    /** The URL is never part of the message: it may carry the secret. */
    private static URI uri(String value, String key) {
        try {
            URI uri = URI.create(value.strip());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(key + " is not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not an http(s) URL");
        }
    }

    /** {@code slack.*}: where the incoming webhook's URL is read from. */
    @ConfigurationProperties("slack")
    public static class Slack {
        private String urlEnv;
        private Path urlFile;

        public String getUrlEnv() { return urlEnv; }
        public void setUrlEnv(String urlEnv) { this.urlEnv = urlEnv; }
        public Path getUrlFile() { return urlFile; }
        public void setUrlFile(Path urlFile) { this.urlFile = urlFile; }
    }

    /** {@code webhook.*}: the URL and where the signing secret is read from. */
    @ConfigurationProperties("webhook")
    public static class Webhook {
        private String url;
        private String secretEnv;
        private Path secretFile;

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getSecretEnv() { return secretEnv; }
        public void setSecretEnv(String secretEnv) { this.secretEnv = secretEnv; }
        public Path getSecretFile() { return secretFile; }
        public void setSecretFile(Path secretFile) { this.secretFile = secretFile; }
    }
}
