package io.turnout.review;

import io.turnout.time.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Builds the {@link ReviewHost} for {@code --comment github|gitlab} from the command's options
 * and, for what they leave out, the CI job's environment:
 *
 * <ul>
 *   <li>GitHub Actions: token {@code GITHUB_TOKEN}, API {@code GITHUB_API_URL} (default
 *       {@value #GITHUB_DEFAULT_API}; set by Actions on GitHub Enterprise Server too),
 *       repository {@code GITHUB_REPOSITORY}, pull request number from the event payload at
 *       {@code GITHUB_EVENT_PATH} ({@code pull_request.number}).</li>
 *   <li>GitLab CI: token {@code GITLAB_TOKEN}, API {@code CI_API_V4_URL} (default
 *       {@value #GITLAB_DEFAULT_API}), project {@code CI_PROJECT_ID}, merge request
 *       {@code CI_MERGE_REQUEST_IID} (set in merge request pipelines).</li>
 * </ul>
 *
 * <p>The account Turnout comments as is found from the token; {@code --comment-author} or
 * {@code TURNOUT_COMMENT_AUTHOR} names it instead (a GitHub App's {@code <app-slug>[bot]}).
 */
public final class ReviewHosts {
    public enum Kind { github, gitlab }

    static final String GITHUB_DEFAULT_API = "https://api.github.com";
    static final String GITLAB_DEFAULT_API = "https://gitlab.com/api/v4";

    /** The variable naming the account Turnout's comments are written by, when the token cannot say. */
    public static final String AUTHOR_VARIABLE = "TURNOUT_COMMENT_AUTHOR";
    static final String AUTHOR_HINT = "pass --comment-author LOGIN (or set " + AUTHOR_VARIABLE
            + ") with the account Turnout's comments are written by";

    private ReviewHosts() {}

    public static ReviewHost create(Kind kind, Optional<String> project, Optional<Integer> number, Map<String, String> env) {
        return create(kind, project, number, Optional.empty(), env);
    }

    /** @param author the account Turnout's comments are written by; empty: {@value #AUTHOR_VARIABLE}, else asked of the host */
    public static ReviewHost create(Kind kind, Optional<String> project, Optional<Integer> number, Optional<String> author,
                                    Map<String, String> env) {
        return create(kind, project, number, author, env, ApiClient.defaultHttpClient(), Sleeper.real(), InstantSource.system());
    }

    static ReviewHost create(Kind kind, Optional<String> project, Optional<Integer> number, Map<String, String> env,
                             HttpClient http, Sleeper sleeper, InstantSource clock) {
        return create(kind, project, number, Optional.empty(), env, http, sleeper, clock);
    }

    static ReviewHost create(Kind kind, Optional<String> project, Optional<Integer> number, Optional<String> author,
                             Map<String, String> env, HttpClient http, Sleeper sleeper, InstantSource clock) {
        Optional<String> commentAuthor = author.map(String::trim).filter(a -> !a.isEmpty()).or(() -> value(env, AUTHOR_VARIABLE));
        return switch (kind) {
            case github -> {
                String token = token(env, "GITHUB_TOKEN", "In a workflow: env: {GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}}, with permissions pull-requests: write and statuses: write.");
                String repository = project.or(() -> value(env, "GITHUB_REPOSITORY")).orElseThrow(() -> new ReviewSetupException(
                        "no GitHub repository to comment on", "Pass --project owner/name, or run in GitHub Actions (GITHUB_REPOSITORY)."));
                int pr = number.orElseGet(() -> githubEventNumber(env));
                URI api = apiUrl(env, "GITHUB_API_URL", GITHUB_DEFAULT_API);
                ApiClient.Host host = new ApiClient.Host("GitHub", api, Map.of("Authorization", "Bearer " + token,
                        "Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28"), token, "GITHUB_TOKEN",
                        "give the workflow permissions pull-requests: write and statuses: write (or a token with repo scope)");
                yield new GitHubReviews(new ApiClient(host, http, sleeper, clock), repository, pr, commentAuthor);
            }
            case gitlab -> {
                String token = token(env, "GITLAB_TOKEN", "Store a project access token with the api scope as a masked CI/CD variable GITLAB_TOKEN.");
                String projectId = project.or(() -> value(env, "CI_PROJECT_ID")).orElseThrow(() -> new ReviewSetupException(
                        "no GitLab project to comment on", "Pass --project ID or group/project, or run in GitLab CI (CI_PROJECT_ID)."));
                int mr = number.orElseGet(() -> value(env, "CI_MERGE_REQUEST_IID").map(v -> parseNumber(v, "CI_MERGE_REQUEST_IID"))
                        .orElseThrow(() -> new ReviewSetupException("no merge request to comment on (CI_MERGE_REQUEST_IID is not set)",
                                "Run the job in a merge request pipeline (rules: if: $CI_PIPELINE_SOURCE == \"merge_request_event\"), or pass --pr IID.")));
                URI api = apiUrl(env, "CI_API_V4_URL", GITLAB_DEFAULT_API);
                ApiClient.Host host = new ApiClient.Host("GitLab", api, Map.of("PRIVATE-TOKEN", token), token, "GITLAB_TOKEN",
                        "use a token with the api scope and at least the Developer role on the project");
                yield new GitLabReviews(new ApiClient(host, http, sleeper, clock), projectId, mr, commentAuthor);
            }
        };
    }

    private static String token(Map<String, String> env, String variable, String fix) {
        return value(env, variable).orElseThrow(() -> new ReviewSetupException(variable + " is not set: it is the token used to comment", fix));
    }

    private static Optional<String> value(Map<String, String> env, String variable) {
        return Optional.ofNullable(env.get(variable)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static URI apiUrl(Map<String, String> env, String variable, String fallback) {
        String url = value(env, variable).orElse(fallback);
        try {
            URI uri = URI.create(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) throw new IllegalArgumentException();
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ReviewSetupException(variable + " is not an http(s) URL: '" + url + "'", "Set it to the API base, e.g. " + fallback + ".");
        }
    }

    /** The pull request number from the Actions event payload: pull_request.number, or issue.number for comment events. */
    private static int githubEventNumber(Map<String, String> env) {
        String fix = "Run on a pull_request event, or pass --pr NUMBER.";
        Path event = value(env, "GITHUB_EVENT_PATH").map(Path::of)
                .orElseThrow(() -> new ReviewSetupException("no pull request number (GITHUB_EVENT_PATH is not set)", fix));
        try {
            JsonNode payload = ApiClient.JSON.readTree(Files.readString(event));
            for (String pointer : new String[] {"/pull_request/number", "/issue/number", "/number"}) {
                JsonNode n = payload.at(pointer);
                if (n.isIntegralNumber()) return n.asInt();
            }
        } catch (IOException | JacksonException e) {
            throw new ReviewSetupException("cannot read the event payload " + event + " (" + e.getClass().getSimpleName() + ")", fix);
        }
        throw new ReviewSetupException("the event payload " + event + " is not about a pull request", fix);
    }

    private static int parseNumber(String value, String variable) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ReviewSetupException(variable + " is not a number: '" + value + "'", "Pass --pr with the number.");
        }
    }
}
