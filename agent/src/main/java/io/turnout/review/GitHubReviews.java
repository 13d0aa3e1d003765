package io.turnout.review;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A GitHub (or GitHub Enterprise Server) pull request. Its conversation comments are issue
 * comments ({@code /repos/{owner}/{repo}/issues/{number}/comments}); the status goes to
 * {@code /repos/{owner}/{repo}/statuses/{sha}}. The token (a workflow's {@code GITHUB_TOKEN}
 * needs {@code pull-requests: write} and {@code statuses: write}) is sent as a Bearer token.
 */
public final class GitHubReviews implements ReviewHost {
    /** GitHub refuses status descriptions over 140 characters. */
    static final int DESCRIPTION_LIMIT = 140;

    private final ApiClient api;
    private final String repository;
    private final int number;

    GitHubReviews(ApiClient api, String repository, int number) {
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("'" + repository + "' is not a GitHub repository: give it as owner/name");
        }
        this.api = api;
        this.repository = repository;
        this.number = number;
    }

    @Override
    public CommentResult upsertComment(String marker, String body) {
        ObjectNode request = ApiClient.JSON.createObjectNode().put("body", body);
        for (JsonNode comment : api.list("/repos/" + repository + "/issues/" + number + "/comments?per_page=100")) {
            if (ReviewHost.isMarked(comment.path("body").asString(""), marker)) {
                String id = comment.path("id").asString();
                JsonNode updated = api.send("PATCH", "/repos/" + repository + "/issues/comments/" + id, request).json();
                return new CommentResult(Outcome.UPDATED, id, url(updated));
            }
        }
        JsonNode created = api.send("POST", "/repos/" + repository + "/issues/" + number + "/comments", request).json();
        return new CommentResult(Outcome.CREATED, created.path("id").asString(), url(created));
    }

    @Override
    public void setStatus(String commit, boolean success, String description, Optional<String> targetUrl) {
        ObjectNode request = ApiClient.JSON.createObjectNode()
                .put("state", success ? "success" : "failure")
                .put("context", STATUS_CONTEXT)
                .put("description", ReviewHost.oneLine(description, DESCRIPTION_LIMIT));
        targetUrl.ifPresent(u -> request.put("target_url", u));
        api.send("POST", "/repos/" + repository + "/statuses/" + commit, request);
    }

    @Override
    public String describe() {
        return "GitHub pull request " + repository + "#" + number;
    }

    private static Optional<String> url(JsonNode comment) {
        return Optional.ofNullable(comment).map(c -> c.path("html_url").asString("")).filter(s -> !s.isEmpty());
    }
}
