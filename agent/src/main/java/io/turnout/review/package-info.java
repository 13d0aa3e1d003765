/**
 * The review host port, for plans on pull requests: which environments a change touches
 * ({@link io.turnout.review.TouchedEnvironments}) and posting the plan as one sticky comment plus a {@code turnout/plan} commit status on
 * GitHub ({@link io.turnout.review.GitHubReviews}) or GitLab ({@link io.turnout.review.GitLabReviews}),
 * both behind {@link io.turnout.review.ReviewHost}. Fetching the pull request's commit is the spec
 * source's job ({@code io.turnout.source.ReviewRefs}).
 *
 * <p>The hosts are spoken to with the JDK {@link java.net.http.HttpClient} through
 * {@link io.turnout.review.ApiClient}, which retries server errors and rate limits with
 * backoff and never puts the token in a message: errors name the host, method and endpoint.
 */
package io.turnout.review;
