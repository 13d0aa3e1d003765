package io.turnout.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Git's smart HTTP protocol on {@code http://127.0.0.1:<port>/git/<repo>}: the JDK's HTTP server
 * checks Basic authentication (as a Git host checks a token) and runs {@code git http-backend}
 * as a CGI program for each request. {@link #readOnly} refuses pushes with 403, as a host does
 * for a token without write access.
 */
final class GitHttpServer implements AutoCloseable {
    final AtomicBoolean readOnly = new AtomicBoolean();
    final AtomicInteger unauthorized = new AtomicInteger();
    private final HttpServer server;
    private final Path projectRoot;
    private final String expectedAuthorization;

    private GitHttpServer(HttpServer server, Path projectRoot, String user, String password) {
        this.server = server;
        this.projectRoot = projectRoot;
        this.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static GitHttpServer start(Path projectRoot, String user, String password) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        GitHttpServer git = new GitHttpServer(server, projectRoot, user, password);
        server.createContext("/git/", git::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return git;
    }

    String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + repository;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            boolean push = exchange.getRequestURI().getPath().endsWith("/git-receive-pack") || "service=git-receive-pack".equals(query);
            if (push && readOnly.get()) {
                byte[] body = "this token may not push\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(403, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            runBackend(exchange, query);
        }
    }

    private void runBackend(HttpExchange exchange, String query) throws IOException {
        ProcessBuilder cgi = new ProcessBuilder("git", "http-backend").redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = cgi.environment();
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath().substring("/git".length()));
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_USER", "turnout");   // authenticated: http-backend then allows receive-pack
        env.put("REMOTE_ADDR", "127.0.0.1");
        copyHeader(exchange, "Content-Type", env, "CONTENT_TYPE");
        copyHeader(exchange, "Content-Length", env, "CONTENT_LENGTH");
        copyHeader(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copyHeader(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        Process process = cgi.start();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream in = process.getOutputStream(); InputStream body = exchange.getRequestBody()) {
                body.transferTo(in);
            } catch (IOException ignored) {
                // the backend stopped reading: its answer says why
            }
        });
        InputStream out = process.getInputStream();
        int status = 200;
        for (String header : readCgiHeaders(out).split("\r?\n")) {
            int colon = header.indexOf(':');
            if (colon <= 0) continue;
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) status = Integer.parseInt(value.split(" ")[0]);
            else exchange.getResponseHeaders().add(name, value);
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream response = exchange.getResponseBody()) {
            out.transferTo(response);
        }
        try {
            feeder.join();
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyHeader(HttpExchange exchange, String header, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) env.put(variable, value);
    }

    /** The CGI response headers, up to the blank line. */
    private static String readCgiHeaders(InputStream out) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = out.read()) != -1) {
            if (b == '\n' && (previous == '\n')) break;
            if (b != '\r') {
                headers.write(b);
                previous = b;
            }
        }
        return headers.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
