package io.turnout.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A GitHub (or GitHub Enterprise Server) pull request. Its conversation comments are issue
 * comments ({@code /repos/{owner}/{repo}/issues/{number}/comments}); the status goes to
 * {@code /repos/{owner}/{repo}/statuses/{sha}}. The token (a workflow's {@code GITHUB_TOKEN}
 * needs {@code pull-requests: write} and {@code statuses: write}) is sent as a Bearer token.
 *
 * <p>Turnout's comment is the marked one whose {@code user.login} is the token's own account:
 * the configured author if one is given, else {@code GET /user}'s {@code login}, else — for
 * tokens that may not read {@code /user} — {@value #ACTIONS_BOT}.
 */
public final class GitHubReviews implements ReviewHost {
    /** GitHub refuses status descriptions over 140 characters. */
    static final int DESCRIPTION_LIMIT = 140;

    /** Who writes the comments a workflow's {@code GITHUB_TOKEN} posts. */
    static final String ACTIONS_BOT = "github-actions[bot]";

    private final ApiClient api;
    private final String repository;
    private final int number;
    private final Optional<String> configuredAuthor;
    /** The token's login, asked at most once per run. */
    private String ownLogin;

    GitHubReviews(ApiClient api, String repository, int number, Optional<String> configuredAuthor) {
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("'" + repository + "' is not a GitHub repository: give it as owner/name");
        }
        this.api = api;
        this.repository = repository;
        this.number = number;
        this.configuredAuthor = configuredAuthor;
    }

    @Override
    public CommentResult upsertComment(String marker, String body) {
        ObjectNode request = ApiClient.JSON.createObjectNode().put("body", body);
        List<ForeignComment> ignored = new ArrayList<>();
        for (JsonNode comment : api.list("/repos/" + repository + "/issues/" + number + "/comments?per_page=100")) {
            if (!ReviewHost.isMarked(comment.path("body").asString(""), marker)) continue;
            String id = comment.path("id").asString();
            String author = comment.path("user").path("login").asString("");
            // GitHub logins are case-insensitive
            if (!author.equalsIgnoreCase(ownLogin())) {
                ignored.add(new ForeignComment(id, author.isEmpty() ? "an unknown author" : author));
                continue;
            }
            JsonNode updated = api.send("PATCH", "/repos/" + repository + "/issues/comments/" + id, request).json();
            return new CommentResult(Outcome.UPDATED, id, url(updated), ignored);
        }
        JsonNode created = api.send("POST", "/repos/" + repository + "/issues/" + number + "/comments", request).json();
        return new CommentResult(Outcome.CREATED, created.path("id").asString(), url(created), ignored);
    }

    /** Only asked once a marked comment is found: a first plan on a pull request needs no identity. */
    private String ownLogin() {
        if (ownLogin == null) ownLogin = configuredAuthor.orElseGet(this::askLogin);
        return ownLogin;
    }

    private String askLogin() {
        JsonNode user;
        try {
            user = api.get("/user").json();
        } catch (ReviewApiException e) {
            // GitHub quirk: installation tokens, the Actions GITHUB_TOKEN among them, may not read
            // /user (403 "Resource not accessible by integration"). GITHUB_TOKEN's comments are
            // written by github-actions[bot]; another GitHub App's by <app-slug>[bot], which is
            // what the configured author is for.
            if (e.status() == 403 && e.getMessage().contains("Resource not accessible by integration")) return ACTIONS_BOT;
            throw new ReviewApiException(e.getMessage() + "; or " + ReviewHosts.AUTHOR_HINT, e.status());
        }
        String login = user.path("login").asString("");
        if (login.isEmpty()) throw new ReviewApiException("GitHub answered GET /user without a login: " + ReviewHosts.AUTHOR_HINT, 200);
        return login;
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
