package io.turnout.bench;

import io.turnout.error.TurnoutException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A {@code turnout agent} in a child JVM started the way {@code ./turnout} starts it: this jar with
 * {@code -jar}, its AOT cache ({@code turnout.aot} next to the jar) when that is newer than the
 * jar, C1 only for the agent and {@code TURNOUT_JAVA_OPTS} last, as the launcher decides. Run from classes rather than the jar (tests), the child gets this
 * JVM's class path and no cache. Its output lines are read as they come, each with the time it
 * arrived, so that a caller can wait for a line and know when it was written.
 */
final class AgentProcess implements AutoCloseable {
    private static final Pattern STATUS_PAGE = Pattern.compile("status page on (http://\\S+?)/ ");
    private static final int KEPT_LINES = 40;

    /** One line of the agent's stdout or stderr and {@link System#nanoTime()} when it was read. */
    record Line(String text, long nanos) {
    }

    private final Process process;
    private final List<Line> lines = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();

    private AgentProcess(Process process) {
        this.process = process;
        reader(process.getInputStream(), "stdout");
        reader(process.getErrorStream(), "stderr");
    }

    /**
     * How to start this jar's command line as {@code ./turnout} starts it: the JVM with its options
     * ({@code jvm}), then what to run ({@code main}: {@code -jar} and the jar, or the class path and
     * the main class), and whether that uses the AOT cache.
     */
    record Launcher(List<String> jvm, List<String> main, boolean aotCache) {
        /** ./turnout's JIT rule: the agent compiles with C1 only; the other commands keep the JVM's default. */
        static final String AGENT_JIT = "-XX:TieredStopAtLevel=1";

        static Launcher ofThisJvm() {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Path code;
            try {
                code = Path.of(AgentProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (Exception e) {
                throw new IllegalStateException("cannot tell where Turnout's classes are", e);
            }
            List<String> jvm = new ArrayList<>(List.of(java));
            if (!code.toString().endsWith(".jar")) {
                return new Launcher(jvm, List.of("-cp", System.getProperty("java.class.path"), "io.turnout.cli.TurnoutCommand"), false);
            }
            // ./turnout's rule: the cache the build trained, only when it is newer than the jar; the JVM's messages about it off
            Path cache = code.resolveSibling("turnout.aot");
            boolean aot = false;
            try {
                aot = Files.isRegularFile(cache) && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(code)) > 0;
            } catch (IOException e) {
                // no cache, as ./turnout would decide
            }
            if (aot) jvm.addAll(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"));
            return new Launcher(jvm, List.of("-jar", code.toString()), aot);
        }

        /** The whole command for these arguments: ./turnout's JIT rule, then TURNOUT_JAVA_OPTS (last, so they win). */
        List<String> command(List<String> arguments, Map<String, String> environment) {
            List<String> command = new ArrayList<>(jvm);
            if (!arguments.isEmpty() && arguments.getFirst().equals("agent")) command.add(AGENT_JIT);
            String options = environment.getOrDefault("TURNOUT_JAVA_OPTS", "").strip();
            if (!options.isEmpty()) command.addAll(List.of(options.split("\\s+")));
            command.addAll(main);
            command.addAll(arguments);
            return command;
        }
    }

    /** Starts {@code launcher}'s command with {@code arguments}, its environment plus {@code environment}. */
    static AgentProcess start(Launcher launcher, List<String> arguments, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().putAll(environment);
        List<String> command = launcher.command(arguments, builder.environment());
        builder.command(command);
        try {
            return new AgentProcess(builder.start());
        } catch (IOException e) {
            throw new TurnoutException("cannot start the agent (" + command.getFirst() + "): " + e.getMessage(),
                    "Run ./turnout agent by hand to see why.");
        }
    }

    /** Waits (at most {@code within}) until {@code GET /health/readiness} answers 200; returns the agent's base URL. */
    URI awaitReady(HttpClient http, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        URI base = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw failed("exited with " + process.exitValue() + " before it was ready");
            if (base == null) {
                base = firstLine(l -> STATUS_PAGE.matcher(l.text()).find(), 0)
                        .map(l -> STATUS_PAGE.matcher(l.text()).results().findFirst().map(m -> URI.create(m.group(1))).orElseThrow())
                        .orElse(null);
            }
            if (base != null && status(http, base.resolve("/health/readiness")) == 200) return base;
            Thread.sleep(20);
        }
        throw failed("was not ready within " + within.toSeconds() + "s");
    }

    /** Waits (at most {@code within}) for a line from index {@code from} on that {@code wanted} accepts. */
    Line awaitLine(Predicate<Line> wanted, int from, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Line> line = firstLine(wanted, from);
            if (line.isPresent()) return line.get();
            if (!process.isAlive()) throw failed("exited with " + process.exitValue() + " before " + what);
            Thread.sleep(5);
        }
        throw failed("did not show " + what + " within " + within.toSeconds() + "s");
    }

    /** How many lines have been read so far (a starting point for {@link #awaitLine}). */
    synchronized int lineCount() {
        return lines.size();
    }

    /** Stops the agent as a SIGTERM does (running work finishes), killing it if it has not stopped within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Optional<Line> firstLine(Predicate<Line> wanted, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (wanted.test(lines.get(i))) return Optional.of(lines.get(i));
        }
        return Optional.empty();
    }

    private int status(HttpClient http, URI uri) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }

    private TurnoutException failed(String what) {
        String output;
        synchronized (this) {
            output = String.join("\n", tail);
        }
        return new TurnoutException("the benchmark's agent " + what + "; its last output:\n" + output,
                "Run ./turnout agent by hand with the same options to see why.");
    }

    private void reader(InputStream stream, String name) {
        Thread.ofPlatform().daemon().name("bench-agent-" + name).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String text; (text = in.readLine()) != null; ) {
                    long now = System.nanoTime();
                    synchronized (this) {
                        lines.add(new Line(text, now));
                        tail.addLast(text);
                        if (tail.size() > KEPT_LINES) tail.removeFirst();
                    }
                }
            } catch (IOException closed) {
                // the agent stopped
            }
        });
    }
}
