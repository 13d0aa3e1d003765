package io.turnout.review;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for the parts of GitHub's and GitLab's REST APIs Turnout uses, on 127.0.0.1:
 * issue comments / merge request notes (list with {@code Link} pagination, create, update),
 * commit statuses and {@code GET /user}. It checks the token header, records every request, and
 * can answer the next calls with a failure (5xx, secondary rate limit) to exercise retries.
 *
 * <p>Every comment has an author: the token's user ({@value #BOT_LOGIN}, id {@value #BOT_ID})
 * for the ones posted through the API. As GitHub does, editing another author's comment is
 * refused with 403; GitLab lets a maintainer's token edit any note. {@link #asIntegrationToken()}
 * makes the token behave like an Actions {@code GITHUB_TOKEN}: {@code /user} is refused and
 * comments are written by {@code github-actions[bot]}.
 */
public final class FakeCodeHost implements AutoCloseable {
    public enum Flavor { GITHUB, GITLAB }

    public record Request(String method, String path, Map<String, List<String>> headers, String body) {}

    public record Status(String sha, String state, String name, String description, String targetUrl) {}

    public record Failure(int status, Map<String, String> headers, String body) {}

    private static final Pattern GH_COMMENTS = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
    private static final Pattern GH_COMMENT = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
    private static final Pattern GH_STATUS = Pattern.compile("/repos/([^/]+/[^/]+)/statuses/([0-9a-f]+)");
    private static final Pattern GL_NOTES = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests/(\\d+)/notes");
    private static final Pattern GL_NOTE = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests/(\\d+)/notes/(\\d+)");
    private static final Pattern GL_USER = Pattern.compile("/api/v4/user");
    private static final Pattern GL_STATUS = Pattern.compile("/api/v4/projects/([^/]+)/statuses/([0-9a-f]+)");

    public static final String BOT_LOGIN = "turnout-bot";
    public static final long BOT_ID = 77;
    public static final String REVIEWER = "reviewer";

    private final Flavor flavor;
    private final String token;
    private final HttpServer server;
    private final int pageSize;
    /** Comment id → body, in creation order. */
    public final Map<Long, String> comments = new LinkedHashMap<>();
    /** Comment id → its author's login / username. */
    public final Map<Long, String> authors = new LinkedHashMap<>();
    private String login = BOT_LOGIN;
    private boolean integrationToken;
    public final List<Status> statuses = new ArrayList<>();
    public final List<Request> requests = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private long nextId = 1000;

    public FakeCodeHost(Flavor flavor, String token, int pageSize) throws IOException {
        this.flavor = flavor;
        this.token = token;
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The API base URL: {@code GITHUB_API_URL} or {@code CI_API_V4_URL}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (flavor == Flavor.GITLAB ? "/api/v4" : "");
    }

    /** A comment written by a reviewer. */
    public synchronized long addComment(String body) {
        return addComment(REVIEWER, body);
    }

    /** A comment written by {@code author} (the token's own login: an earlier Turnout comment). */
    public synchronized long addComment(String author, String body) {
        comments.put(++nextId, body);
        authors.put(nextId, author);
        return nextId;
    }

    /** The token is a GitHub App installation token ({@code GITHUB_TOKEN}): no {@code /user}, comments by github-actions[bot]. */
    public synchronized FakeCodeHost asIntegrationToken() {
        return asIntegrationToken("github-actions[bot]");
    }

    /** Another GitHub App's installation token: its comments are written by {@code botLogin} ({@code <app-slug>[bot]}). */
    public synchronized FakeCodeHost asIntegrationToken(String botLogin) {
        integrationToken = true;
        login = botLogin;
        return this;
    }

    /** Who the comments posted with the token are written by. */
    public synchronized String login() {
        return login;
    }

    /** The next calls fail like this, in order. */
    public synchronized void failNext(Failure failure) {
        failures.add(failure);
    }

    public synchronized List<String> commentsStartingWith(String prefix) {
        return comments.values().stream().filter(b -> b.startsWith(prefix)).toList();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        requests.add(new Request(method, exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()), body));
        String auth = flavor == Flavor.GITHUB ? exchange.getRequestHeaders().getFirst("Authorization")
                : exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
        String expected = flavor == Flavor.GITHUB ? "Bearer " + token : token;
        if (!expected.equals(auth)) {
            send(exchange, 401, Map.of(), "{\"message\":\"Bad credentials\"}");
            return;
        }
        Failure failure = failures.poll();
        if (failure != null) {
            send(exchange, failure.status(), failure.headers(), failure.body());
            return;
        }
        JsonNode json = body.isEmpty() ? null : ApiClient.JSON.readTree(body);
        Matcher m;
        if (flavor == Flavor.GITHUB) {
            if (path.equals("/user") && method.equals("GET")) {
                if (integrationToken) {
                    send(exchange, 403, Map.of("X-RateLimit-Remaining", "4999"), "{\"message\":\"Resource not accessible by integration\","
                            + "\"documentation_url\":\"https://docs.github.com/rest/users/users#get-the-authenticated-user\",\"status\":\"403\"}");
                } else {
                    send(exchange, 200, Map.of(), ApiClient.JSON.createObjectNode().put("login", login).put("id", BOT_ID).put("type", "User").toString());
                }
            } else if ((m = GH_COMMENTS.matcher(path)).matches() && method.equals("GET")) {
                list(exchange, path);
            } else if ((m = GH_COMMENTS.matcher(path)).matches() && method.equals("POST")) {
                long id = addComment(login, json.get("body").asString());
                send(exchange, 201, Map.of(), comment(id).toString());
            } else if ((m = GH_COMMENT.matcher(path)).matches() && method.equals("PATCH")) {
                update(exchange, Long.parseLong(m.group(2)), json);
            } else if ((m = GH_STATUS.matcher(path)).matches() && method.equals("POST")) {
                statuses.add(new Status(m.group(2), json.path("state").asString(), json.path("context").asString(),
                        json.path("description").asString(), json.path("target_url").asString(null)));
                send(exchange, 201, Map.of(), "{}");
            } else {
                send(exchange, 404, Map.of(), "{\"message\":\"Not Found\"}");
            }
        } else {
            if (GL_USER.matcher(path).matches() && method.equals("GET")) {
                send(exchange, 200, Map.of(), ApiClient.JSON.createObjectNode().put("id", BOT_ID).put("username", login)
                        .put("name", "Turnout").put("bot", true).toString());
            } else if ((m = GL_NOTES.matcher(path)).matches() && method.equals("GET")) {
                list(exchange, path);
            } else if ((m = GL_NOTES.matcher(path)).matches() && method.equals("POST")) {
                long id = addComment(login, json.get("body").asString());
                send(exchange, 201, Map.of(), comment(id).toString());
            } else if ((m = GL_NOTE.matcher(path)).matches() && method.equals("PUT")) {
                update(exchange, Long.parseLong(m.group(3)), json);
            } else if ((m = GL_STATUS.matcher(path)).matches() && method.equals("POST")) {
                String state = json.path("state").asString();
                Status last = statuses.isEmpty() ? null : statuses.getLast();
                // as GitLab does: the same state again is refused
                if (last != null && last.sha().equals(m.group(2)) && last.state().equals(state)) {
                    send(exchange, 400, Map.of(), "{\"message\":\"Cannot transition status via :" + state + " from :" + state + "\"}");
                    return;
                }
                statuses.add(new Status(m.group(2), state, json.path("name").asString(), json.path("description").asString(),
                        json.path("target_url").asString(null)));
                send(exchange, 201, Map.of(), "{}");
            } else {
                send(exchange, 404, Map.of(), "{\"message\":\"404 Not Found\"}");
            }
        }
    }

    private void list(HttpExchange exchange, String path) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        int page = 1;
        if (query != null) {
            Matcher p = Pattern.compile("(?:^|&)page=(\\d+)").matcher(query);
            if (p.find()) page = Integer.parseInt(p.group(1));
        }
        List<Long> ids = new ArrayList<>(comments.keySet());
        ArrayNode items = ApiClient.JSON.createArrayNode();
        int from = (page - 1) * pageSize;
        for (int i = from; i < Math.min(ids.size(), from + pageSize); i++) items.add(comment(ids.get(i)));
        Map<String, String> headers = new LinkedHashMap<>();
        if (from + pageSize < ids.size()) {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + path;
            headers.put("Link", "<" + base + "?per_page=" + pageSize + "&page=" + (page + 1) + ">; rel=\"next\", <"
                    + base + "?per_page=" + pageSize + "&page=" + ((ids.size() - 1) / pageSize + 1) + ">; rel=\"last\"");
        }
        send(exchange, 200, headers, items.toString());
    }

    private void update(HttpExchange exchange, long id, JsonNode json) throws IOException {
        if (!comments.containsKey(id)) {
            send(exchange, 404, Map.of(), "{\"message\":\"Not Found\"}");
            return;
        }
        if (flavor == Flavor.GITHUB && !authors.get(id).equals(login)) {
            send(exchange, 403, Map.of(), "{\"message\":\"Must have admin rights to Repository.\"}");
            return;
        }
        comments.put(id, json.get("body").asString());
        send(exchange, 200, Map.of(), comment(id).toString());
    }

    private ObjectNode comment(long id) {
        ObjectNode node = ApiClient.JSON.createObjectNode().put("id", id).put("body", comments.get(id));
        String author = authors.get(id);
        if (flavor == Flavor.GITHUB) {
            node.put("html_url", "https://github.example/pr#issuecomment-" + id);
            node.putObject("user").put("login", author).put("id", userId(author)).put("type", author.endsWith("[bot]") ? "Bot" : "User");
        } else {
            node.put("system", false);
            node.putObject("author").put("id", userId(author)).put("username", author).put("name", author);
        }
        return node;
    }

    /** The token's user is {@value #BOT_ID}; everyone else gets a stable id of their own. */
    private long userId(String author) {
        return author.equals(login) ? BOT_ID : 1000 + Math.floorMod(author.hashCode(), 100_000);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
