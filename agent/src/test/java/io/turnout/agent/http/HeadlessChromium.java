package io.turnout.agent.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol (a WebSocket, the JDK's client):
 * open a page, run an expression in it, wait for the next page load. Enough to click a button and
 * fill a form the way a person does; hand-written because the project has no browser-automation
 * library (Selenium would also need a chromedriver matching the installed Chromium).
 */
final class HeadlessChromium implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();

    HeadlessChromium(String binary, Path profile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                "--user-data-dir=" + profile, "about:blank"));
        process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String browser = null;
        for (String line; browser == null && (line = err.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) browser = m.group(1);
        }
        if (browser == null) throw new IOException("Chromium did not open its DevTools port");
        Thread.ofVirtual().start(() -> err.lines().forEach(l -> { })); // keep draining stderr
        URI devtools = URI.create(browser);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + devtools.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String target = null;
        for (JsonNode t : JSON.readTree(list)) if ("page".equals(t.path("type").asString())) target = t.path("webSocketDebuggerUrl").asString();
        if (target == null) throw new IOException("Chromium has no page target: " + list);
        socket = http.newWebSocketBuilder().buildAsync(URI.create(target), new Listener()).join();
        call("Page.enable", JSON.createObjectNode());
    }

    /** Opens {@code page} and waits until it has loaded. */
    void open(URI page) throws InterruptedException {
        messages.removeIf(m -> "Page.loadEventFired".equals(m.path("method").asString()));
        call("Page.navigate", JSON.createObjectNode().put("url", page.toString()));
        awaitLoad();
    }

    /** Evaluates {@code expression} in the page; its value (JSON). */
    JsonNode evaluate(String expression) throws InterruptedException {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true).put("awaitPromise", true);
        return call("Runtime.evaluate", params).path("result").path("result").path("value");
    }

    /** Runs {@code expression} (a click, a submit) and waits until the page it leads to has loaded. */
    void andWaitForLoad(String expression) throws InterruptedException {
        messages.removeIf(m -> "Page.loadEventFired".equals(m.path("method").asString()));
        evaluate(expression);
        awaitLoad();
    }

    private void awaitLoad() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode m = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) throw new IllegalStateException("the page did not load within 60 s");
            if ("Page.loadEventFired".equals(m.path("method").asString())) return;
        }
    }

    private JsonNode call(String method, ObjectNode params) throws InterruptedException {
        int id = ids.incrementAndGet();
        socket.sendText(JSON.writeValueAsString(JSON.createObjectNode().put("id", id).put("method", method).set("params", params)), true).join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<JsonNode> other = new ArrayList<>();
        try {
            while (true) {
                JsonNode m = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m == null) throw new IllegalStateException(method + ": no answer from Chromium within 60 s");
                if (m.path("id").asInt(-1) == id) {
                    if (m.has("error")) throw new IllegalStateException(method + ": " + m.get("error"));
                    return m;
                }
                other.add(m);
            }
        } finally {
            messages.addAll(other);
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(JSON.readTree(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
