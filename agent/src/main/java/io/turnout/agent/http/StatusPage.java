package io.turnout.agent.http;

import io.turnout.render.TextPlanRenderer;
import io.turnout.spec.load.Durations;
import io.turnout.status.CommitOutcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.Problem;
import io.turnout.status.ServiceStatus;
import io.turnout.text.CommitIds;
import io.turnout.text.HtmlText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The status page as one HTML document: no JavaScript, inline CSS, a meta refresh every 10
 * seconds, every value escaped with {@link HtmlText#text}. One section per environment: at its top
 * a banner with its problem (what, since when, next retry) and one saying why the head is not live
 * when it is not; then sync policy, live and head commits, a deploying badge, the services with
 * their BLUE slot highlighted and their GREEN slot's image and tasks (whether a fast rollback is
 * there), the pending plan as the terminal renders it (without colour), drift, and recent
 * deployments (what each did per service; each service's last deployment in its row). Deterministic for a
 * given snapshot and {@code now}.
 */
final class StatusPage {
    static final int REFRESH_SECONDS = 10;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final TextPlanRenderer PLAN_TEXT = new TextPlanRenderer(false);

    private StatusPage() {}

    static String render(List<EnvironmentStatus> environments, Instant now) {
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Turnout status</title>\n<style>").append(StatusPageStyle.CSS).append("</style>\n</head>\n<body>\n");
        html.append("<header>\n<h1>Turnout</h1>\n<p class=\"meta\">")
                .append(environments.size()).append(environments.size() == 1 ? " environment" : " environments")
                .append(" · refreshes every ").append(REFRESH_SECONDS).append(" s · rendered ")
                .append(time(now)).append("</p>\n");
        if (!environments.isEmpty()) {
            html.append("<nav>");
            for (EnvironmentStatus env : environments) {
                html.append("<a href=\"#env-").append(HtmlText.text(env.name())).append("\">").append(HtmlText.text(env.name())).append("</a> ");
            }
            html.append("</nav>\n");
        }
        html.append("</header>\n<main>\n");
        if (environments.isEmpty()) {
            html.append("<p class=\"empty\">No environments yet: the agent has not read the spec repository.</p>\n");
        }
        for (EnvironmentStatus env : environments) environment(html, env, now);
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void environment(StringBuilder html, EnvironmentStatus env, Instant now) {
        html.append("<section class=\"env\" id=\"env-").append(HtmlText.text(env.name())).append("\">\n<h2>")
                .append(HtmlText.text(env.name()));
        html.append(" <span class=\"badge policy\">").append(HtmlText.text(env.syncPolicy())).append("</span>");
        if (env.deploying()) html.append(" <span class=\"badge deploying\">deploying</span>");
        if (env.waitingForApproval()) html.append(" <span class=\"badge waiting\">waiting for approval</span>");
        html.append("</h2>\n");
        env.problem().ifPresent(p -> problem(html, p, now));
        env.headNotDeployed().ifPresent(text -> html.append("<p class=\"banner head\">").append(HtmlText.text(text)).append("</p>\n"));
        html.append("<dl class=\"facts\">\n");
        fact(html, "Sync policy", HtmlText.text(env.syncPolicy()));
        fact(html, "Live commit", env.liveCommit().map(StatusPage::commit).orElse("<span class=\"none\">none yet</span>"));
        String head = env.headCommit().map(StatusPage::commit).orElse("<span class=\"none\">not polled</span>");
        if (env.headCommit().isPresent() && env.headCommit().equals(env.liveCommit())) head += " <span class=\"none\">(live)</span>";
        fact(html, "Head", head);
        fact(html, "Repository", "<code>" + HtmlText.text(env.repository()) + "</code> @ <code>" + HtmlText.text(env.branch()) + "</code>");
        fact(html, "Last poll", env.lastPoll().map(StatusPage::time).orElse("<span class=\"none\">never</span>"));
        html.append("</dl>\n");
        approval(html, env);
        services(html, env.services(), env.recent());
        html.append("<h3>").append(env.drift().isEmpty() ? "Pending plan" : "Plan to restore Git").append("</h3>\n");
        if (env.pendingPlan().isPresent()) {
            html.append("<pre class=\"plan\">").append(HtmlText.text(PLAN_TEXT.render(env.pendingPlan().get()))).append("</pre>\n");
        } else {
            html.append("<p class=\"none\">None.</p>\n");
        }
        html.append("<h3>Drift</h3>\n");
        if (env.drift().isEmpty()) {
            html.append("<p class=\"none\">No drift: live state matches Git.</p>\n");
        } else {
            html.append("<ul class=\"drift\">\n");
            for (String line : env.drift()) html.append("<li>").append(HtmlText.text(line)).append("</li>\n");
            html.append("</ul>\n");
        }
        recent(html, env.recent());
        html.append("</section>\n");
    }

    /**
     * What waits for a person: the services paused at their approval gate, and the button that leads
     * to the approval page (which asks for the API token; this page refreshes, so it asks for nothing).
     */
    private static void approval(StringBuilder html, EnvironmentStatus env) {
        if (env.approvableCommit().isEmpty()) return;
        String commit = env.approvableCommit().get();
        html.append("<div class=\"approval\">\n");
        if (env.waitingForApproval()) {
            html.append("<p><strong>Waiting for approval:</strong> ");
            List<String> parts = env.approvals().stream().map(a -> HtmlText.text(a.service()) + " (" + HtmlText.text(a.ecsServiceName())
                    + " verified, production untouched, rolled back at " + time(a.deadline()) + " unless approved)").toList();
            html.append(String.join("; ", parts)).append("</p>\n");
        } else {
            html.append("<p><strong>The pending plan waits for approval</strong> (plan-only environment).</p>\n");
        }
        html.append(approveButton(env.name(), commit)).append("</div>\n");
    }

    /** A GET form, so that it carries nothing secret: it opens the approval page for this environment and commit. */
    static String approveButton(String environment, String commit) {
        return "<form class=\"approve\" method=\"get\" action=\"/environments/" + HtmlText.text(environment) + "/approve\">"
                + "<input type=\"hidden\" name=\"commit\" value=\"" + HtmlText.text(commit) + "\">"
                + "<button type=\"submit\" data-approve=\"" + HtmlText.text(environment) + "\">Approve " + HtmlText.text(CommitIds.shorten(commit))
                + "…</button></form>\n";
    }

    /** The banner of an environment's problem: what, since when (and how many polls), the next retry. */
    private static void problem(StringBuilder html, Problem p, Instant now) {
        html.append("<div class=\"banner problem\" role=\"alert\"><strong>Problem:</strong> ").append(HtmlText.text(p.what()))
                .append("<span class=\"when\">since ").append(time(p.since())).append(" (")
                .append(p.failedPolls()).append(p.failedPolls() == 1 ? " poll" : " polls in a row").append(") · next retry ")
                .append(time(p.nextRetry()));
        Duration in = Duration.between(now, p.nextRetry());
        if (in.isPositive()) html.append(" (in about ").append(HtmlText.text(Durations.format(in.withNanos(0)))).append(")");
        html.append("</span></div>\n");
    }

    private static void services(StringBuilder html, List<ServiceStatus> services, List<CommitOutcome> recent) {
        html.append("<h3>Services</h3>\n");
        if (services.isEmpty()) {
            html.append("<p class=\"none\">No services read yet.</p>\n");
            return;
        }
        html.append("<table class=\"services\">\n<thead><tr><th>Service</th><th>Traffic</th><th>Slot a</th><th>Slot b</th>")
                .append("<th>Image (BLUE)</th><th>Running</th><th>Commit</th><th>GREEN (rollback)</th><th>Last deployment</th></tr></thead>\n<tbody>\n");
        for (ServiceStatus s : services) {
            html.append("<tr data-service=\"").append(HtmlText.text(s.name())).append("\"><td class=\"name\">")
                    .append(HtmlText.text(s.name())).append("</td><td>").append(HtmlText.text(s.trafficMode())).append("</td>");
            if (s.blueSlot().isPresent()) {
                slot(html, "a", s.blueSlot().get());
                slot(html, "b", s.blueSlot().get());
            } else if (s.deployment().isPresent()) {
                // AWS's own engine is deploying: its lifecycle stage and traffic weights
                html.append("<td class=\"slot deploying\" colspan=\"2\">").append(HtmlText.text(s.deployment().get())).append("</td>");
            } else {
                html.append("<td class=\"slot na\" colspan=\"2\">")
                        .append(s.trafficMode().equals("rolling") ? "rolling, no slots"
                                : s.trafficMode().startsWith("ecs") || s.trafficMode().equals("codeDeploy") ? "one service, no deployment under way"
                                : "no BLUE slot").append("</td>");
            }
            html.append("<td><code>").append(HtmlText.text(s.blueImage().orElse("—"))).append("</code></td>")
                    .append("<td class=\"num\">").append(s.runningCount()).append("</td><td>")
                    .append(s.blueCommit().map(StatusPage::commit).orElse("—")).append("</td>");
            green(html, s);
            html.append("<td class=\"last\">").append(DeploymentResults.last(s.name(), recent).map(o -> DeploymentResults.badge(o.result())
                    + " <span class=\"detail\">" + HtmlText.text(o.detail()) + "</span>").orElse("—")).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** The GREEN slot's image and tasks: what a rollback swaps back to, and whether it can at once. */
    private static void green(StringBuilder html, ServiceStatus s) {
        html.append("<td class=\"green-slot\">");
        if (s.green().isPresent()) {
            ServiceStatus.Green g = s.green().get();
            html.append(HtmlText.text(g.slot())).append(": <code>").append(HtmlText.text(g.image().orElse("image not read"))).append("</code>, ")
                    .append(g.runningCount()).append('/').append(g.desiredCount()).append(" running · ")
                    .append(HtmlText.text(g.rollbackText()));
        } else {
            html.append("<span class=\"none\">").append(s.blueSlot().isPresent() ? "no GREEN slot" : "—").append("</span>");
        }
        html.append("</td>");
    }

    private static void slot(StringBuilder html, String slot, String blue) {
        boolean isBlue = slot.equals(blue);
        html.append("<td class=\"slot ").append(isBlue ? "blue" : "green").append("\" data-slot=\"").append(slot).append("\">")
                .append(slot).append(isBlue ? " · BLUE" : " · green").append("</td>");
    }

    private static void recent(StringBuilder html, List<CommitOutcome> recent) {
        html.append("<h3>Recent deployments</h3>\n");
        if (recent.isEmpty()) {
            html.append("<p class=\"none\">No commit handled yet.</p>\n");
            return;
        }
        html.append("<table class=\"recent\">\n<thead><tr><th>Commit</th><th>Subject</th><th>Outcome</th><th>Detail</th>")
                .append("<th>When</th><th>Duration</th></tr></thead>\n<tbody>\n");
        for (CommitOutcome o : recent) {
            String outcome = o.outcome().name();
            html.append("<tr><td>").append(commit(o.commit())).append("</td><td>").append(HtmlText.text(o.subject()))
                    .append("</td><td><span class=\"outcome ").append(outcome.toLowerCase(Locale.ROOT)).append("\">")
                    .append(outcome).append("</span></td><td>").append(DeploymentResults.line(o).orElse(""))
                    .append(HtmlText.text(o.detail())).append("</td><td>")
                    .append(time(o.at())).append("</td><td class=\"num\">").append(HtmlText.text(Durations.format(o.duration())))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void fact(StringBuilder html, String name, String valueHtml) {
        html.append("<dt>").append(name).append("</dt><dd>").append(valueHtml).append("</dd>\n");
    }

    /** The short id, with the full one as a tooltip. */
    static String commit(String id) {
        String shortId = CommitIds.shorten(id);
        return "<code class=\"commit\" title=\"" + HtmlText.text(id) + "\">" + HtmlText.text(shortId) + "</code>";
    }

    static String time(Instant at) {
        return "<time datetime=\"" + HtmlText.text(at.toString()) + "\">" + HtmlText.text(WHEN.format(at)) + "</time>";
    }
}
