package io.turnout.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A GitLab merge request: its notes ({@code /projects/:id/merge_requests/:iid/notes}) and the
 * commit status API ({@code /projects/:id/statuses/:sha}). The project is its numeric id or
 * its path ({@code group/project}, URL-encoded as GitLab requires); the token (a project or
 * personal access token with the {@code api} scope) goes in the {@code PRIVATE-TOKEN} header.
 *
 * <p>Turnout's note is the marked one whose author is the token's own user: {@code GET /user}'s
 * {@code id}, or the configured author's {@code username} when one is given. A maintainer's
 * token could otherwise edit a person's note.
 */
public final class GitLabReviews implements ReviewHost {
    /** GitLab keeps 255 characters of a status description. */
    static final int DESCRIPTION_LIMIT = 255;

    private final ApiClient api;
    private final String project;
    private final String encodedProject;
    private final int iid;
    private final Optional<String> configuredAuthor;
    /** How the token's user is recognised on a note, asked at most once per run. */
    private Predicate<JsonNode> isOwnAuthor;

    GitLabReviews(ApiClient api, String project, int iid, Optional<String> configuredAuthor) {
        if (project.isBlank()) throw new IllegalArgumentException("the GitLab project is empty: give its id or group/project path");
        this.api = api;
        this.project = project;
        this.encodedProject = URLEncoder.encode(project, StandardCharsets.UTF_8);
        this.iid = iid;
        this.configuredAuthor = configuredAuthor;
    }

    @Override
    public CommentResult upsertComment(String marker, String body) {
        ObjectNode request = ApiClient.JSON.createObjectNode().put("body", body);
        String notes = "/projects/" + encodedProject + "/merge_requests/" + iid + "/notes";
        List<ForeignComment> ignored = new ArrayList<>();
        for (JsonNode note : api.list(notes + "?per_page=100&sort=asc&order_by=created_at")) {
            // system notes ("added 1 commit") are GitLab's own; never ours even if they quote the marker
            if (note.path("system").asBoolean(false)) continue;
            if (!ReviewHost.isMarked(note.path("body").asString(""), marker)) continue;
            String id = note.path("id").asString();
            if (!isOwnAuthor().test(note.path("author"))) {
                String author = note.path("author").path("username").asString("");
                ignored.add(new ForeignComment(id, author.isEmpty() ? "an unknown author" : author));
                continue;
            }
            api.send("PUT", notes + "/" + id, request);
            return new CommentResult(Outcome.UPDATED, id, Optional.empty(), ignored);
        }
        JsonNode created = api.send("POST", notes, request).json();
        return new CommentResult(Outcome.CREATED, created.path("id").asString(), Optional.empty(), ignored);
    }

    /** Only asked once a marked note is found: a first plan on a merge request needs no identity. */
    private Predicate<JsonNode> isOwnAuthor() {
        if (isOwnAuthor == null) {
            isOwnAuthor = configuredAuthor.<Predicate<JsonNode>>map(name -> author -> author.path("username").asString("").equalsIgnoreCase(name))
                    .orElseGet(this::askUser);
        }
        return isOwnAuthor;
    }

    /** The user id identifies the author even if the account is renamed. */
    private Predicate<JsonNode> askUser() {
        JsonNode user;
        try {
            user = api.get("/user").json();
        } catch (ReviewApiException e) {
            throw new ReviewApiException(e.getMessage() + "; or " + ReviewHosts.AUTHOR_HINT, e.status());
        }
        if (!user.path("id").isIntegralNumber()) {
            throw new ReviewApiException("GitLab answered GET /user without a user id: " + ReviewHosts.AUTHOR_HINT, 200);
        }
        long id = user.path("id").asLong();
        return author -> author.path("id").isIntegralNumber() && author.path("id").asLong() == id;
    }

    @Override
    public void setStatus(String commit, boolean success, String description, Optional<String> targetUrl) {
        ObjectNode request = ApiClient.JSON.createObjectNode()
                .put("state", success ? "success" : "failed")
                .put("name", STATUS_CONTEXT)
                .put("description", ReviewHost.oneLine(description, DESCRIPTION_LIMIT));
        targetUrl.ifPresent(u -> request.put("target_url", u));
        try {
            api.send("POST", "/projects/" + encodedProject + "/statuses/" + commit, request);
        } catch (ReviewApiException e) {
            // GitLab quirk: posting the state a status already has is a 400 "Cannot transition status
            // via :success from :success". The status says what we wanted, so that is not a failure.
            if (e.status() != 400 || !e.getMessage().contains("Cannot transition status")) throw e;
        }
    }

    @Override
    public String describe() {
        return "GitLab merge request " + project + "!" + iid;
    }
}
