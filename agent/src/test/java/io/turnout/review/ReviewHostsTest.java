package io.turnout.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.time.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posting against a local GitHub / GitLab stand-in: one sticky comment, statuses, retries, no token leaks. */
class ReviewHostsTest {
    static final String TOKEN = "ghp_s3cr3tT0kenValue123";
    static final String MARKER = "<!-- turnout:plan -->";
    final List<Duration> slept = new ArrayList<>();
    final Sleeper recorder = slept::add;
    FakeCodeHost host;

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        if (host != null) host.close();
    }

    ReviewHost github(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", host.apiUrl(),
                "GITHUB_REPOSITORY", "octo/shop"));
        env.putAll(extra);
        return ReviewHosts.create(ReviewHosts.Kind.github, Optional.empty(), Optional.of(42), env,
                ApiClient.defaultHttpClient(), recorder, InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z")));
    }

    ReviewHost gitlab() {
        return gitlab(Map.of());
    }

    ReviewHost gitlab(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GITLAB_TOKEN", TOKEN, "CI_API_V4_URL", host.apiUrl(),
                "CI_PROJECT_ID", "shop/deploy", "CI_MERGE_REQUEST_IID", "7"));
        env.putAll(extra);
        return ReviewHosts.create(ReviewHosts.Kind.gitlab, Optional.empty(), Optional.empty(), env,
                ApiClient.defaultHttpClient(), recorder, InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z")));
    }

    long userRequests() {
        return host.requests.stream().filter(r -> r.path().endsWith("/user")).count();
    }

    /** The marked comments the token's own account wrote. */
    List<String> ownMarked() {
        return host.comments.entrySet().stream().filter(e -> e.getValue().startsWith(MARKER))
                .filter(e -> host.authors.get(e.getKey()).equals(host.login())).map(Map.Entry::getValue).toList();
    }

    @Test
    void githubEditsOnlyTheMarkedCommentItsOwnAccountWroteAndAsksWhoItIsOnce() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 100);
        long impostor = host.addComment("mallory", MARKER + "\nall in sync, merge away");
        long ours = host.addComment(FakeCodeHost.BOT_LOGIN, MARKER + "\nold plan");
        ReviewHost pr = github(Map.of());
        ReviewHost.CommentResult first = pr.upsertComment(MARKER, MARKER + "\nplan one");
        ReviewHost.CommentResult second = pr.upsertComment(MARKER, MARKER + "\nplan two");
        assertEquals(ReviewHost.Outcome.UPDATED, first.outcome());
        assertEquals(String.valueOf(ours), second.id());
        assertEquals(List.of(new ReviewHost.ForeignComment(String.valueOf(impostor), "mallory")), second.ignored());
        assertEquals(MARKER + "\nall in sync, merge away", host.comments.get(impostor), "someone else's comment is left alone");
        assertEquals(List.of(MARKER + "\nplan two"), ownMarked());
        assertEquals(1, userRequests(), "GET /user once per run");
    }

    @Test
    void githubMarkerCommentByAnotherAuthorIsIgnoredAndExactlyOneOwnIsCreated() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 2);
        long impostor = host.addComment("mallory", MARKER + "\nfake plan");
        ReviewHost.CommentResult first = github(Map.of()).upsertComment(MARKER, MARKER + "\nplan one");
        assertEquals(ReviewHost.Outcome.CREATED, first.outcome());
        assertEquals(List.of(new ReviewHost.ForeignComment(String.valueOf(impostor), "mallory")), first.ignored());
        ReviewHost.CommentResult second = github(Map.of()).upsertComment(MARKER, MARKER + "\nplan two"); // the next push: a new run
        assertEquals(ReviewHost.Outcome.UPDATED, second.outcome());
        assertEquals(first.id(), second.id());
        assertEquals(List.of(MARKER + "\nplan two"), ownMarked(), "exactly one comment by the bot");
        assertEquals(2, host.comments.size());
        assertTrue(host.requests.stream().noneMatch(r -> r.method().equals("PATCH") && r.path().endsWith("/" + impostor)));
    }

    @Test
    void githubActionsTokenThatMayNotReadTheUserIsGithubActionsBot() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 100).asIntegrationToken();
        long impostor = host.addComment("mallory", MARKER + "\nfake plan");
        long ours = host.addComment("github-actions[bot]", MARKER + "\nold plan");
        ReviewHost.CommentResult result = github(Map.of()).upsertComment(MARKER, MARKER + "\nnew plan");
        assertEquals(ReviewHost.Outcome.UPDATED, result.outcome());
        assertEquals(String.valueOf(ours), result.id());
        assertEquals(MARKER + "\nfake plan", host.comments.get(impostor));
        assertEquals(1, userRequests());
        assertTrue(slept.isEmpty(), "the 403 of /user is an answer, not a rate limit to wait for");
    }

    @Test
    void anotherGitHubAppNamesItsBotWithTheCommentAuthorVariable() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 100).asIntegrationToken("turnout-shop[bot]");
        long actions = host.addComment("github-actions[bot]", MARKER + "\nanother workflow's plan");
        long ours = host.addComment("turnout-shop[bot]", MARKER + "\nold plan");
        ReviewHost.CommentResult result = github(Map.of(ReviewHosts.AUTHOR_VARIABLE, "Turnout-Shop[bot]")).upsertComment(MARKER, MARKER + "\nnew");
        assertEquals(String.valueOf(ours), result.id(), "logins compare case-insensitively");
        assertEquals(List.of(new ReviewHost.ForeignComment(String.valueOf(actions), "github-actions[bot]")), result.ignored());
        assertEquals(0, userRequests(), "a configured author is not asked of GitHub");
    }

    @Test
    void gitlabEditsOnlyItsOwnNoteEvenWhereTheTokenCouldEditAnyone() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITLAB, TOKEN, 100);
        long human = host.addComment("maintainer", MARKER + "\nmy notes on the plan");
        ReviewHost.CommentResult first = gitlab().upsertComment(MARKER, MARKER + "\none");
        assertEquals(ReviewHost.Outcome.CREATED, first.outcome());
        assertEquals(List.of(new ReviewHost.ForeignComment(String.valueOf(human), "maintainer")), first.ignored());
        ReviewHost.CommentResult second = gitlab().upsertComment(MARKER, MARKER + "\ntwo");
        assertEquals(ReviewHost.Outcome.UPDATED, second.outcome());
        assertEquals(first.id(), second.id());
        assertEquals(MARKER + "\nmy notes on the plan", host.comments.get(human), "a person's note is never overwritten");
        assertEquals(List.of(MARKER + "\ntwo"), ownMarked());
        assertEquals(2, userRequests(), "asked once in each of the two runs");

        ReviewHost.CommentResult byName = gitlab(Map.of(ReviewHosts.AUTHOR_VARIABLE, FakeCodeHost.BOT_LOGIN)).upsertComment(MARKER, MARKER + "\nthree");
        assertEquals(first.id(), byName.id());
        assertEquals(2, userRequests(), "a configured username is matched without asking");
    }

    @Test
    void githubFirstPushCreatesTheCommentAndTheSecondEditsItPagingThroughOthers() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 2);
        for (int i = 0; i < 5; i++) host.addComment("LGTM " + i + " " + MARKER.substring(1)); // not first line: not ours
        ReviewHost pr = github(Map.of());
        ReviewHost.CommentResult first = pr.upsertComment(MARKER, MARKER + "\nplan one");
        assertEquals(ReviewHost.Outcome.CREATED, first.outcome());
        host.addComment("a reviewer's comment after the plan");
        ReviewHost.CommentResult second = pr.upsertComment(MARKER, MARKER + "\nplan two");
        assertEquals(ReviewHost.Outcome.UPDATED, second.outcome());
        assertEquals(first.id(), second.id());
        assertEquals(List.of(MARKER + "\nplan two"), host.commentsStartingWith(MARKER), "exactly one Turnout comment");
        assertTrue(host.requests.stream().anyMatch(r -> r.path().contains("page=3")), "followed Link rel=next to the last page");
        assertTrue(host.requests.stream().allMatch(r -> r.headers().get("Authorization").equals(List.of("Bearer " + TOKEN))));
        assertTrue(second.url().orElseThrow().contains("issuecomment-" + second.id()));

        pr.setStatus("0123456789abcdef0123456789abcdef01234567", false, "x".repeat(300), second.url());
        FakeCodeHost.Status status = host.statuses.getLast();
        assertEquals("failure", status.state());
        assertEquals("turnout/plan", status.name());
        assertTrue(status.description().length() <= 140, status.description());
        assertEquals(second.url().orElseThrow(), status.targetUrl());
    }

    @Test
    void aMarkerForOtherEnvironmentsIsAnotherComment() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 100);
        ReviewHost pr = github(Map.of());
        pr.upsertComment(MARKER, MARKER + "\nall touched");
        pr.upsertComment("<!-- turnout:plan env=production -->", "<!-- turnout:plan env=production -->\nproduction");
        assertEquals(2, host.comments.size());
    }

    @Test
    void serverErrorsAndSecondaryRateLimitsAreRetriedWithBackoff() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 100);
        host.failNext(new FakeCodeHost.Failure(502, Map.of(), "{\"message\":\"Bad Gateway\"}"));
        host.failNext(new FakeCodeHost.Failure(403, Map.of("Retry-After", "7"),
                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}"));
        host.failNext(new FakeCodeHost.Failure(503, Map.of(), ""));
        ReviewHost.CommentResult result = github(Map.of()).upsertComment(MARKER, MARKER + "\nplan");
        assertEquals(ReviewHost.Outcome.CREATED, result.outcome());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(7), Duration.ofSeconds(4)), slept);
    }

    @Test
    void persistentFailureNamesTheEndpointButNeverTheToken() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 100);
        for (int i = 0; i < ApiClient.MAX_ATTEMPTS; i++) {
            host.failNext(new FakeCodeHost.Failure(500, Map.of(), "{\"message\":\"boom, your token " + TOKEN + " is fine\"}"));
        }
        ReviewApiException e = assertThrows(ReviewApiException.class, () -> github(Map.of()).upsertComment(MARKER, "x"));
        assertTrue(e.getMessage().contains("GET " + host.apiUrl() + "/repos/octo/shop/issues/42/comments"), e.getMessage());
        assertTrue(e.getMessage().contains("run the job again later"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertEquals(ApiClient.MAX_ATTEMPTS - 1, slept.size());
    }

    @Test
    void aRefusedTokenSaysWhichVariableToFixWithoutShowingIt() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, "another-token", 100);
        ReviewApiException e = assertThrows(ReviewApiException.class, () -> github(Map.of()).upsertComment(MARKER, "x"));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("GITHUB_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertTrue(slept.isEmpty(), "401 is not retried");
    }

    @Test
    void thePullRequestNumberComesFromTheActionsEventPayload() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 100);
        Path event = Files.writeString(tmp.resolve("event.json"), "{\"action\":\"synchronize\",\"pull_request\":{\"number\":17}}");
        ReviewHost pr = ReviewHosts.create(ReviewHosts.Kind.github, Optional.empty(), Optional.empty(),
                Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", host.apiUrl(), "GITHUB_REPOSITORY", "octo/shop",
                        "GITHUB_EVENT_PATH", event.toString()),
                ApiClient.defaultHttpClient(), recorder, InstantSource.system());
        assertEquals("GitHub pull request octo/shop#17", pr.describe());
        pr.upsertComment(MARKER, MARKER);
        assertTrue(host.requests.getLast().path().startsWith("/repos/octo/shop/issues/17/comments"));
    }

    @Test
    void missingSetupIsAClearError() {
        ReviewSetupException noToken = assertThrows(ReviewSetupException.class, () -> ReviewHosts.create(ReviewHosts.Kind.github,
                Optional.of("octo/shop"), Optional.of(1), Map.of()));
        assertTrue(noToken.getMessage().contains("GITHUB_TOKEN is not set"), noToken.getMessage());
        ReviewSetupException noMr = assertThrows(ReviewSetupException.class, () -> ReviewHosts.create(ReviewHosts.Kind.gitlab,
                Optional.empty(), Optional.empty(), Map.of("GITLAB_TOKEN", "t", "CI_PROJECT_ID", "5")));
        assertTrue(noMr.getMessage().contains("CI_MERGE_REQUEST_IID"), noMr.getMessage());
    }

    @Test
    void gitlabUsesNotesAndStatusesWithThePrivateTokenHeader() throws Exception {
        host = new FakeCodeHost(FakeCodeHost.Flavor.GITLAB, TOKEN, 2);
        for (int i = 0; i < 3; i++) host.addComment("review note " + i);
        ReviewHost mr = gitlab();
        assertEquals("GitLab merge request shop/deploy!7", mr.describe());
        assertEquals(ReviewHost.Outcome.CREATED, mr.upsertComment(MARKER, MARKER + "\none").outcome());
        assertEquals(ReviewHost.Outcome.UPDATED, mr.upsertComment(MARKER, MARKER + "\ntwo").outcome());
        assertEquals(List.of(MARKER + "\ntwo"), host.commentsStartingWith(MARKER));
        assertTrue(host.requests.stream().filter(r -> !r.path().equals("/api/v4/user"))
                .allMatch(r -> r.path().startsWith("/api/v4/projects/shop%2Fdeploy/")), "project path URL-encoded");
        assertTrue(host.requests.stream().allMatch(r -> r.headers().get("Private-token").equals(List.of(TOKEN))));
        String sha = "0123456789abcdef0123456789abcdef01234567";
        mr.setStatus(sha, true, "Valid", Optional.empty());
        mr.setStatus(sha, true, "Valid", Optional.empty()); // GitLab's 400 for the same state again is not an error
        assertEquals(1, host.statuses.size());
        assertEquals("success", host.statuses.getFirst().state());
        assertEquals("turnout/plan", host.statuses.getFirst().name());
        mr.setStatus(sha, false, "1 spec problem", Optional.empty());
        assertEquals("failed", host.statuses.getLast().state());
    }

    @Test
    void linkHeaderNextIsFound() {
        assertEquals(Optional.of(java.net.URI.create("https://api.github.com/x?page=2")), LinkHeader.next(List.of(
                "<https://api.github.com/x?page=1>; rel=\"prev\", <https://api.github.com/x?page=2>; rel=\"next\"")));
        assertEquals(Optional.empty(), LinkHeader.next(List.of("<https://api.github.com/x?page=1>; rel=\"first\"")));
    }
}
