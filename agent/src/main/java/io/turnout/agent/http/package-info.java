/**
 * The agent's HTTP surface, served by Micronaut (Netty): health ({@code /health},
 * {@code /health/liveness}, {@code /health/readiness}), Prometheus metrics ({@code /metrics}),
 * the JSON API over {@link io.turnout.status.AgentStatus} ({@code /api/environments…}, with a
 * bearer-token {@code POST …/sync} that calls {@link io.turnout.status.SyncTrigger}), the GitHub and
 * GitLab push webhooks ({@code /hooks/github}, {@code /hooks/gitlab}) and the server-rendered status
 * page ({@code /}).
 *
 * <p>Security rules kept here (DESIGN.md invariant 6): every secret (API token, webhook secret and
 * token) lives in a {@link io.turnout.agent.http.Secret}, whose {@code toString} is redacted, and is
 * compared in constant time; a hook or API whose secret is not configured is disabled (403), never
 * open; nothing here logs a secret, a presented token or a signature. The status page runs no
 * JavaScript and HTML-escapes every value ({@link io.turnout.text.HtmlText}).
 */
package io.turnout.agent.http;
