package io.turnout.agent.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.turnout.status.AgentStatus;
import java.time.InstantSource;

/**
 * {@code GET /}: the status page. Its Content-Security-Policy allows inline styles and forms to the
 * agent itself (the approve button opens the approval page) and nothing else (no scripts, no
 * frames), a second guard behind the escaping.
 */
@Controller
final class StatusPageController {
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final AgentStatus status;
    private final InstantSource clock = InstantSource.system();

    StatusPageController(AgentStatus status) {
        this.status = status;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page() {
        return HttpResponse.ok(StatusPage.render(status.environments(), clock.instant()))
                .contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
    }
}
