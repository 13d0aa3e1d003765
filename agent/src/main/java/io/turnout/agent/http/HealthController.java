package io.turnout.agent.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.turnout.status.AgentStatus;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.Problem;
import io.turnout.text.TerminalText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * Health for load balancers and orchestrators: {@code {"status": "UP"|"DOWN", "checks": {name:
 * {"status", "detail"}}}}, 200 when every check is UP, else 503.
 *
 * <ul>
 *   <li><b>Liveness</b> ({@code /health/liveness}), check {@code agentStatus}: the server answers
 *       and the agent's read model returns a snapshot. DOWN only when the read model throws, which
 *       a restart may cure.</li>
 *   <li><b>Readiness</b> ({@code /health/readiness}), check {@code environments}: the agent has read
 *       the spec repository, so it knows at least one environment, and has polled every environment
 *       at least once. Before that the API and the status page have nothing true to say, so a load
 *       balancer should not send people here yet. A later failed poll does not make the agent
 *       unready: the failure is shown on the page, not a reason to hide it. Environments with a
 *       problem are named in the check's detail, and each problem is in its {@code problems}
 *       ({@code {env: {what, since, nextRetry}}}), so that whoever reads {@code /health} sees them.</li>
 *   <li>{@code /health}: both, UP only when both are.</li>
 * </ul>
 */
@Controller("/health")
final class HealthController {
    private final AgentStatus status;

    HealthController(AgentStatus status) {
        this.status = status;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> health() {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("agentStatus", liveness());
        checks.put("environments", readiness());
        return respond(checks);
    }

    @Get(uri = "/liveness", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> livenessOnly() {
        return respond(Map.of("agentStatus", liveness()));
    }

    @Get(uri = "/readiness", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> readinessOnly() {
        return respond(Map.of("environments", readiness()));
    }

    private record Check(boolean up, String detail, Map<String, Problem> problems) {
        Check(boolean up, String detail) {
            this(up, detail, Map.of());
        }
    }

    private Check liveness() {
        try {
            int count = status.environments().size();
            return new Check(true, "read model answers (" + count + (count == 1 ? " environment)" : " environments)"));
        } catch (RuntimeException e) {
            return new Check(false, "read model failed: " + e.getClass().getSimpleName());
        }
    }

    private Check readiness() {
        List<EnvironmentStatus> environments;
        try {
            environments = status.environments();
        } catch (RuntimeException e) {
            return new Check(false, "read model failed: " + e.getClass().getSimpleName());
        }
        if (environments.isEmpty()) {
            return new Check(false, "no environment loaded yet: the agent has not read the spec repository");
        }
        List<String> unpolled = environments.stream().filter(e -> e.lastPoll().isEmpty()).map(EnvironmentStatus::name).toList();
        if (!unpolled.isEmpty()) {
            return new Check(false, "not polled yet: " + String.join(", ", unpolled));
        }
        String polled = environments.size() + (environments.size() == 1 ? " environment" : " environments") + " polled";
        Map<String, Problem> problems = new TreeMap<>();
        environments.forEach(e -> e.problem().ifPresent(p -> problems.put(e.name(), p)));
        if (problems.isEmpty()) return new Check(true, polled);
        String named = problems.entrySet().stream().map(e -> e.getKey() + ": " + TerminalText.escape(e.getValue().what()))
                .collect(Collectors.joining("; "));
        return new Check(true, polled + "; " + problems.size() + " with a problem: " + named, problems);
    }

    private static HttpResponse<String> respond(Map<String, Check> checks) {
        boolean up = checks.values().stream().allMatch(Check::up);
        ObjectNode body = ApiJson.object();
        body.put("status", up ? "UP" : "DOWN");
        ObjectNode checksNode = body.putObject("checks");
        checks.forEach((name, check) -> {
            ObjectNode node = checksNode.putObject(name);
            node.put("status", check.up() ? "UP" : "DOWN");
            node.put("detail", check.detail());
            if (!check.problems().isEmpty()) {
                ObjectNode problems = node.putObject("problems");
                check.problems().forEach((environment, p) -> problems.putObject(environment)
                        .put("what", TerminalText.escape(p.what())).put("since", p.since().toString())
                        .put("nextRetry", p.nextRetry().toString()));
            }
        });
        return ApiJson.response(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, body)
                .header("Cache-Control", "no-store");
    }
}
