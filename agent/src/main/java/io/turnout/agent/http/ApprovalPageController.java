package io.turnout.agent.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.turnout.render.TextPlanRenderer;
import io.turnout.status.AgentStatus;
import io.turnout.status.Approvals;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.SyncTrigger;
import io.turnout.status.WaitingApproval;
import io.turnout.text.HtmlText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The status page's approval, without JavaScript: the approve button opens
 * {@code GET /environments/{env}/approve?commit=…}, a page that shows what waits and asks for the
 * API token (and the approver's name); it posts a form to {@code POST /environments/{env}/approve},
 * which checks the token like the API does and records the decision through the same
 * {@link Approvals}. A form cannot send an {@code Authorization} header, hence this second endpoint;
 * the token in the form body is never logged.
 */
@Controller("/environments")
final class ApprovalPageController {
    private static final TextPlanRenderer PLAN_TEXT = new TextPlanRenderer(false);
    /**
     * Not the status page's {@code no-referrer}: under it a browser posts the form with
     * {@code Origin: null} (Fetch, "serializing a request origin"), and Micronaut's CORS filter
     * answers 403 with an empty body to every request whose Origin is not local when the agent is
     * reached at localhost or 127.x (its guard against drive-by-localhost attacks — an SSH tunnel or
     * a port-forward is how people often open the status page). {@code same-origin} makes the
     * browser send the agent's own origin with the form, and still no referrer to other sites.
     */
    static final String REFERRER_POLICY = "same-origin";

    private final AgentStatus status;
    private final Approvals approvals;
    private final SyncTrigger trigger;
    private final HttpSettings settings;

    ApprovalPageController(AgentStatus status, Approvals approvals, SyncTrigger trigger, HttpSettings settings) {
        this.status = status;
        this.approvals = approvals;
        this.trigger = trigger;
        this.settings = settings;
    }

    @Get(uri = "/{env}/approve", produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(@PathVariable String env, @Nullable @QueryValue String commit) {
        Optional<EnvironmentStatus> found = status.environment(env);
        if (found.isEmpty()) return html(HttpStatus.NOT_FOUND, "Unknown environment", "<p>No environment named " + HtmlText.text(env) + ".</p>");
        EnvironmentStatus e = found.get();
        Optional<String> waiting = e.approvableCommit();
        if (waiting.isEmpty() || commit == null || !waiting.get().startsWith(commit)) {
            return html(HttpStatus.CONFLICT, "Nothing to approve", "<p>" + HtmlText.text(env) + " does not wait for approval of "
                    + HtmlText.text(commit == null ? "this commit" : commit) + (waiting.map(w -> " (it waits for " + StatusPage.commit(w) + ")")
                    .orElse(" (nothing waits)")) + ".</p><p><a href=\"/\">Back to the status page</a></p>");
        }
        StringBuilder body = new StringBuilder();
        body.append("<p>Environment <strong>").append(HtmlText.text(env)).append("</strong>, commit ").append(StatusPage.commit(waiting.get()))
                .append("</p>\n");
        if (e.waitingForApproval()) {
            body.append("<ul>\n");
            for (WaitingApproval a : e.approvals()) {
                body.append("<li>").append(HtmlText.text(a.service())).append(": ").append(HtmlText.text(a.ecsServiceName()))
                        .append(" is verified; production is untouched. Rolled back at ").append(StatusPage.time(a.deadline()))
                        .append(" unless approved.</li>\n");
            }
            body.append("</ul>\n");
        } else {
            e.pendingPlan().ifPresent(p -> body.append("<pre class=\"plan\">").append(HtmlText.text(PLAN_TEXT.render(p))).append("</pre>\n"));
        }
        body.append("<form class=\"decide\" method=\"post\" action=\"/environments/").append(HtmlText.text(env)).append("/approve\">\n")
                .append("<input type=\"hidden\" name=\"commit\" value=\"").append(HtmlText.text(waiting.get())).append("\">\n")
                .append("<label>API token (turnout.api.token) <input type=\"password\" name=\"token\" autocomplete=\"off\" required></label>\n")
                .append("<label>Your name <input type=\"text\" name=\"by\" maxlength=\"100\"></label>\n")
                .append("<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>\n");
        if (e.waitingForApproval()) {
            body.append(" <button type=\"submit\" class=\"reject\" name=\"decision\" value=\"reject\">Reject (roll back)</button>\n");
        }
        body.append("</form>\n<p><a href=\"/\">Back to the status page</a></p>\n");
        return html(HttpStatus.OK, "Approve " + env, body.toString());
    }

    @Post(uri = "/{env}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<String> decide(@PathVariable String env, @Nullable @Body String form) {
        Map<String, String> fields = fields(form);
        Optional<MutableHttpResponse<String>> refused = ApiToken.refuse(settings,
                Optional.ofNullable(fields.get("token")).filter(t -> !t.isBlank()), "approval page");
        if (refused.isPresent()) {
            HttpStatus code = refused.get().getStatus();
            return html(code, "Not approved", "<p>" + (code == HttpStatus.FORBIDDEN
                    ? "Approvals are disabled: the agent has no API token (turnout.api.token)."
                    : "Wrong or missing API token: nothing was recorded.") + "</p><p>" + tryAgain(env, fields.getOrDefault("commit", ""))
                    + "</p>");
        }
        ApprovalRequest request;
        try {
            request = new ApprovalRequest(fields.get("commit"), fields.get("by"));
        } catch (IllegalArgumentException e) {
            return html(HttpStatus.BAD_REQUEST, "Not approved", "<p>" + HtmlText.text(e.getMessage()) + "</p>");
        }
        Approvals.Decision decision = "reject".equals(fields.get("decision")) ? Approvals.Decision.REJECT : Approvals.Decision.APPROVE;
        Approvals.Answer answer = approvals.decide(env, request.commit(), decision, request.by());
        boolean recorded = answer.result() == Approvals.Answer.Result.RECORDED;
        if (recorded) trigger.syncEnvironment(env);
        boolean busy = answer.result() == Approvals.Answer.Result.BUSY;
        return html(recorded ? HttpStatus.OK : HttpStatus.CONFLICT, recorded ? "Recorded" : busy ? "Busy: not recorded" : "Not recorded",
                "<p class=\"answer\">" + HtmlText.text(answer.message()) + "</p>"
                        + (busy ? "<p>" + tryAgain(env, request.commit()) + "</p>" : "")
                        + "<p><a href=\"/\">Back to the status page</a></p>");
    }

    private static String tryAgain(String env, String commit) {
        return "<a href=\"/environments/" + HtmlText.text(env) + "/approve?commit=" + HtmlText.text(commit) + "\">Try again</a>";
    }

    private static Map<String, String> fields(@Nullable String form) {
        Map<String, String> fields = new HashMap<>();
        if (form == null) return fields;
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static MutableHttpResponse<String> html(HttpStatus status, String title, String body) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + HtmlText.text(title)
                + " · Turnout</title>\n<style>" + StatusPageStyle.CSS + "</style>\n</head>\n<body>\n<header><h1>" + HtmlText.text(title)
                + "</h1></header>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
        return HttpResponse.<String>status(status).body(page).contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", StatusPageController.CSP)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", REFERRER_POLICY).header("Cache-Control", "no-store");
    }
}
