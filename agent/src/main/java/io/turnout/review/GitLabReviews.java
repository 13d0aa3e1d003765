package io.turnout.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A GitLab merge request: its notes ({@code /projects/:id/merge_requests/:iid/notes}) and the
 * commit status API ({@code /projects/:id/statuses/:sha}). The project is its numeric id or
 * its path ({@code group/project}, URL-encoded as GitLab requires); the token (a project or
 * personal access token with the {@code api} scope) goes in the {@code PRIVATE-TOKEN} header.
 */
public final class GitLabReviews implements ReviewHost {
    /** GitLab keeps 255 characters of a status description. */
    static final int DESCRIPTION_LIMIT = 255;

    private final ApiClient api;
    private final String project;
    private final String encodedProject;
    private final int iid;

    GitLabReviews(ApiClient api, String project, int iid) {
        if (project.isBlank()) throw new IllegalArgumentException("the GitLab project is empty: give its id or group/project path");
        this.api = api;
        this.project = project;
        this.encodedProject = URLEncoder.encode(project, StandardCharsets.UTF_8);
        this.iid = iid;
    }

    @Override
    public CommentResult upsertComment(String marker, String body) {
        ObjectNode request = ApiClient.JSON.createObjectNode().put("body", body);
        String notes = "/projects/" + encodedProject + "/merge_requests/" + iid + "/notes";
        for (JsonNode note : api.list(notes + "?per_page=100&sort=asc&order_by=created_at")) {
            // system notes ("added 1 commit") are GitLab's own; never ours even if they quote the marker
            if (note.path("system").asBoolean(false)) continue;
            if (ReviewHost.isMarked(note.path("body").asString(""), marker)) {
                String id = note.path("id").asString();
                api.send("PUT", notes + "/" + id, request);
                return new CommentResult(Outcome.UPDATED, id, Optional.empty());
            }
        }
        JsonNode created = api.send("POST", notes, request).json();
        return new CommentResult(Outcome.CREATED, created.path("id").asString(), Optional.empty());
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
