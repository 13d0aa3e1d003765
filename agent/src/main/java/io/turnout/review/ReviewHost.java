package io.turnout.review;

import java.util.List;
import java.util.Optional;

/**
 * Where a pull request's plan is posted: one sticky comment, found again by its hidden marker
 * and edited in place on every push, and a commit status named {@value #STATUS_CONTEXT}.
 *
 * <p>Only a comment written by the account Turnout posts as is Turnout's: anyone can write
 * the marker, and editing their comment would fail (GitHub: 403) or overwrite a person's
 * words (GitLab, with a maintainer's token).
 */
public interface ReviewHost {
    /** The commit status name (GitHub "context", GitLab "name"); branch protection can require it. */
    String STATUS_CONTEXT = "turnout/plan";

    enum Outcome { CREATED, UPDATED }

    /**
     * @param url     the comment's web address, when the host says it
     * @param ignored comments that carry the marker but were written by someone else: left alone
     */
    record CommentResult(Outcome outcome, String id, Optional<String> url, List<ForeignComment> ignored) {
        public CommentResult {
            ignored = List.copyOf(ignored);
        }

        public CommentResult(Outcome outcome, String id, Optional<String> url) {
            this(outcome, id, url, List.of());
        }
    }

    /** A comment that starts with Turnout's marker but that another account wrote. */
    record ForeignComment(String id, String author) {}

    /**
     * Edits the comment whose body starts with {@code marker} (the oldest, if several) and that
     * the token's own account wrote, or creates one: exactly one Turnout comment per pull
     * request however often it is pushed to. Marked comments by other authors are not touched;
     * the result lists them.
     */
    CommentResult upsertComment(String marker, String body);

    /** Sets {@value #STATUS_CONTEXT} on {@code commit}: success or failure, with a one-line description. */
    void setStatus(String commit, boolean success, String description, Optional<String> targetUrl);

    /** E.g. {@code GitHub pull request octo/shop#42}, for messages. */
    String describe();

    /** Whether a comment body is Turnout's comment for {@code marker}: the marker is its whole first line. */
    static boolean isMarked(String body, String marker) {
        if (body == null) return false;
        String normalized = body.replace("\r\n", "\n");
        return normalized.equals(marker) || normalized.startsWith(marker + "\n");
    }

    /** Cuts a status description to {@code max} characters on a word boundary, with an ellipsis. */
    static String oneLine(String description, int max) {
        String flat = description.replaceAll("\\s+", " ").trim();
        if (flat.length() <= max) return flat;
        String cut = flat.substring(0, max - 1);
        int space = cut.lastIndexOf(' ');
        return (space > max / 2 ? cut.substring(0, space) : cut) + "…";
    }
}
