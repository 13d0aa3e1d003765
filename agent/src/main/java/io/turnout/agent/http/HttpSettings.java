package io.turnout.agent.http;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Configuration of the HTTP surface. Every key can also be set as an environment variable
 * (Micronaut maps {@code TURNOUT_API_TOKEN} to {@code turnout.api.token}):
 * <ul>
 *   <li>{@code turnout.api.token} ({@code TURNOUT_API_TOKEN}): bearer token for
 *       {@code POST /api/environments/{env}/sync}; unset or blank disables that endpoint (403).</li>
 *   <li>{@code turnout.webhooks.github.secret} ({@code TURNOUT_WEBHOOKS_GITHUB_SECRET}): the secret
 *       of the GitHub webhook; unset disables {@code /hooks/github} (403).</li>
 *   <li>{@code turnout.webhooks.gitlab.token} ({@code TURNOUT_WEBHOOKS_GITLAB_TOKEN}): the secret
 *       token of the GitLab webhook; unset disables {@code /hooks/gitlab} (403).</li>
 *   <li>{@code turnout.webhooks.max-body-bytes}: largest webhook payload accepted, default 1 MiB
 *       (GitHub caps its payloads at 25 MB, but a push of a spec repository is a few KiB).</li>
 * </ul>
 */
@Singleton
public final class HttpSettings {
    public static final int DEFAULT_MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

    private final Optional<Secret> apiToken;
    private final Optional<Secret> githubSecret;
    private final Optional<Secret> gitlabToken;
    private final int maxWebhookBodyBytes;

    HttpSettings(@Value("${turnout.api.token:}") String apiToken,
                 @Value("${turnout.webhooks.github.secret:}") String githubSecret,
                 @Value("${turnout.webhooks.gitlab.token:}") String gitlabToken,
                 @Value("${turnout.webhooks.max-body-bytes:" + DEFAULT_MAX_WEBHOOK_BODY_BYTES + "}") int maxWebhookBodyBytes) {
        this.apiToken = Secret.of(apiToken);
        this.githubSecret = Secret.of(githubSecret);
        this.gitlabToken = Secret.of(gitlabToken);
        if (maxWebhookBodyBytes <= 0) {
            throw new IllegalArgumentException("turnout.webhooks.max-body-bytes must be positive, got " + maxWebhookBodyBytes);
        }
        this.maxWebhookBodyBytes = maxWebhookBodyBytes;
    }

    public Optional<Secret> apiToken() {
        return apiToken;
    }

    public Optional<Secret> githubSecret() {
        return githubSecret;
    }

    public Optional<Secret> gitlabToken() {
        return gitlabToken;
    }

    public int maxWebhookBodyBytes() {
        return maxWebhookBodyBytes;
    }
}
