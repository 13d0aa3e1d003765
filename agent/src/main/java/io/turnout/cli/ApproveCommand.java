package io.turnout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code turnout approve}: asks a running agent to approve (or, with {@code --reject}, reject) what
 * waits for approval in one environment — a deployment paused at its approval gate, or the pending
 * plan of a plan-only environment — naming the commit, so that a newer commit is never approved by
 * accident. Calls {@code POST /api/environments/{env}/approve|reject} with the API token.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approve (or reject) what waits for approval in an environment of a running agent.",
                "The commit must be the one waiting: a newer commit is never approved by accident."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded: the agent acts on it now", "1:refused (nothing waits, another commit waits, bad token) or the agent cannot be reached"})
final class ApproveCommand implements Callable<Integer> {
    /** Made when the command runs, not when the command line is built: every command (the agent too) builds this class. */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV", description = "The environment.")
    String env;

    @Option(names = "--commit", required = true, paramLabel = "SHA", description = "The commit that waits (full id or at least 7 characters).")
    String commit;

    @Option(names = "--agent", required = true, paramLabel = "URL", description = "The agent's URL, e.g. https://turnout.example.com.")
    URI agent;

    @Option(names = "--by", paramLabel = "NAME", description = "Who decides, kept in the outcome (default: your user name).")
    String by = System.getProperty("user.name", "");

    @Option(names = "--reject", description = "Reject instead: a deployment waiting at its approval gate is rolled back.")
    boolean reject;

    @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "TURNOUT_API_TOKEN",
            description = "The environment variable holding the agent's API token (default: ${DEFAULT-VALUE}).")
    String tokenEnv;

    /** Where the token is read from; tests pass their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String token = environment.get(tokenEnv);
        if (token == null || token.isBlank()) {
            err.println("error: the environment variable " + tokenEnv + " is not set");
            err.println("Set it to the agent's API token (turnout.api.token), or name another variable with --token-env.");
            return ExitCodes.ERROR;
        }
        String body = Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode().put("commit", commit).put("by", by));
        URI url = agent.resolve((agent.getPath().endsWith("/") ? "" : agent.getPath() + "/") + "api/environments/" + env + "/"
                + (reject ? "reject" : "approve"));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("error: cannot reach the agent at " + agent + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            err.println("Check --agent (the agent's HTTP address) and that the agent runs.");
            return ExitCodes.ERROR;
        }
        JsonNode answer = parse(response.body());
        String message = answer.path("message").asString(answer.path("error").asString(response.body().strip()));
        if (response.statusCode() == 202) {
            out.println(message);
            return ExitCodes.OK;
        }
        err.println("error: " + message + " (HTTP " + response.statusCode() + ")");
        return ExitCodes.ERROR;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
