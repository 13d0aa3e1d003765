package io.turnout.agent.http;

import io.turnout.status.CommitOutcome;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceOutcome.Result;
import io.turnout.text.HtmlText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The status page's view of what deployments did to each service (every service deploys on its
 * own, so one commit can leave some applied and others rolled back): a line per commit, and each
 * service's result in the newest deployment that touched it.
 */
final class DeploymentResults {
    /** Services named in a line before it says "…". */
    private static final int NAMED = 8;

    private DeploymentResults() {
    }

    /**
     * {@code 1 applied, 1 rolled back · rolled back: web}, as HTML, naming the services that were not
     * applied; empty when the commit deployed no service.
     */
    static Optional<String> line(CommitOutcome o) {
        if (o.services().isEmpty()) return Optional.empty();
        StringBuilder html = new StringBuilder("<div class=\"services-outcome\">").append(HtmlText.text(ServiceOutcome.tally(o.services())));
        for (Result result : Result.values()) {
            if (result == Result.APPLIED) continue;
            List<String> names = o.services(result);
            if (names.isEmpty()) continue;
            html.append(" · ").append(badge(result)).append(' ').append(HtmlText.text(String.join(", ", names.stream().limit(NAMED).toList())))
                    .append(names.size() > NAMED ? " …" : "");
        }
        return Optional.of(html.append("</div>").toString());
    }

    /** The newest deployment of {@code service} among {@code recent} (newest first), and its result. */
    static Optional<ServiceOutcome> last(String service, List<CommitOutcome> recent) {
        for (CommitOutcome o : recent) {
            Optional<ServiceOutcome> found = o.services().stream().filter(s -> s.service().equals(service)).findFirst();
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    static String badge(Result result) {
        return "<span class=\"result " + result.name().toLowerCase(Locale.ROOT) + "\">" + result.label() + "</span>";
    }
}
