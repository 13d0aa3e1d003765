package io.turnout.bench;

import io.turnout.cloud.sim.WorldFile;
import io.turnout.error.TurnoutException;
import io.turnout.notify.WebhookChannel;
import io.turnout.source.LocalRepositories;
import io.turnout.text.CommitIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's own times, measured on a real {@code turnout agent} in a child JVM ({@link AgentProcess}:
 * started as {@code ./turnout} starts it) on the simulated cloud, following a local spec repository of
 * a small {@link SyntheticEstate} (in sync, {@code sync.policy: auto-apply}), HTTP on 127.0.0.1 on a
 * free port, a fresh data directory per start:
 * <ul>
 *   <li><b>start</b>: from launching the process to {@code /health/readiness} answering 200 (the
 *       repository cloned, the state store opened and migrated, every environment polled once);</li>
 *   <li><b>webhook to the first change</b>: a commit changing one service's image is pushed, a signed
 *       GitHub push webhook posted, and the time taken until the agent logs the deployment's first step
 *       ({@code [1/N] Register task definition …}), which it logs just before making that step's call,
 *       the deployment's first mutating AWS call. The line is the agent's ordinary INFO log
 *       ({@code TURNOUT_LOG_LEVEL=INFO}); the agent has no hook for the benchmark.</li>
 * </ul>
 * The first agent started is the webhook's (with INFO logs); it also warms the machine's file cache
 * for the measured starts, which run with the default logging, as a user's would.
 */
public final class AgentBenchmark {
    /** The estate the agent follows: large enough for a real plan, small enough that a start is mostly the agent's own. */
    static final int SERVICES = 10;
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final Duration DEPLOYED_WITHIN = Duration.ofMinutes(2);
    private static final Pattern FIRST_STEP = Pattern.compile("\\[1/\\d+] (.+)$");

    /**
     * The medians and every run.
     *
     * @param aotCache   whether the agent ran with the build's AOT cache
     * @param jvmOptions the other JVM options it ran with (./turnout's, and TURNOUT_JAVA_OPTS)
     * @param firstStep  what the first step of a webhook's deployment was (its call the first mutating one)
     */
    public record Result(List<Duration> starts, List<Duration> webhooks, boolean aotCache, List<String> jvmOptions, String firstStep) {
        public Duration medianStart() {
            return median(starts);
        }

        public Duration medianWebhook() {
            return median(webhooks);
        }
    }

    private AgentBenchmark() {
    }

    /** {@code starts} measured starts and {@code webhooks} pushes (each at least 1), in folders under {@code work}. */
    public static Result run(int starts, int webhooks, Path work, Consumer<String> progress) throws IOException, InterruptedException {
        SyntheticEstate estate = SyntheticEstate.of(SERVICES);
        Path specs = work.resolve("agent-specs");
        Path bare = work.resolve("agent-specs.git");
        Path world = work.resolve("agent-world.yaml");
        writeSpecs(estate, 0, specs);
        LocalRepositories.commitAndCloneBare(specs, bare, "the estate, in sync");
        WorldFile.write(estate.cloud(), "turnout bench deploy", world);
        AgentProcess.Launcher launcher = AgentProcess.Launcher.ofThisJvm();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

        progress.accept("timing " + webhooks + " webhook(s) to the first mutating call …");
        List<Duration> webhookTimes = new ArrayList<>();
        String firstStep = "";
        try (AgentProcess agent = AgentProcess.start(launcher, arguments(bare, world, work.resolve("agent-data-webhook")),
                Map.of("TURNOUT_LOG_LEVEL", "INFO", "TURNOUT_WEBHOOKS_GITHUB_SECRET", secret))) {
            URI base = agent.awaitReady(http, READY_WITHIN);
            for (int push = 1; push <= webhooks; push++) {
                // each push gives one more service the new image: one changed service per commit
                writeSpecs(estate, push, specs);
                String commit = LocalRepositories.commitAndPush(specs, bare, "new image for service " + push);
                int from = agent.lineCount();
                long posted = System.nanoTime();
                postWebhook(http, base, bare, secret);
                AgentProcess.Line step = agent.awaitLine(l -> FIRST_STEP.matcher(l.text()).find(), from, DEPLOYED_WITHIN,
                        "the first step of " + commit);
                webhookTimes.add(Duration.ofNanos(step.nanos() - posted));
                Matcher m = FIRST_STEP.matcher(step.text());
                if (m.find()) firstStep = m.group(1);
                awaitOutcome(agent, commit, from);
            }
        }

        List<Duration> startTimes = new ArrayList<>();
        for (int run = 1; run <= starts; run++) {
            progress.accept("timing the agent's start " + run + "/" + starts + " …");
            long launched = System.nanoTime();
            try (AgentProcess agent = AgentProcess.start(launcher, arguments(bare, world, work.resolve("agent-data-" + run)), Map.of())) {
                agent.awaitReady(http, READY_WITHIN);
                startTimes.add(Duration.ofNanos(System.nanoTime() - launched));
            }
        }
        List<String> command = launcher.command(List.of("agent"), System.getenv());
        List<String> options = command.subList(launcher.jvm().size(), command.size() - launcher.main().size() - 1);
        return new Result(startTimes, webhookTimes, launcher.aotCache(), List.copyOf(options), firstStep);
    }

    /** {@code ./turnout agent}'s options for the estate's repository and world: 127.0.0.1, a free port, its own data directory. */
    private static List<String> arguments(Path bare, Path world, Path data) {
        return List.of("agent", "--repo", bare.toUri().toString(), "--cloud", "sim", "--world", world.toString(),
                "--data-dir", data.toString(), "--host", "127.0.0.1", "--port", "-1");
    }

    /** The estate's files with the first {@code changed} services on a new image, deployed as soon as they are seen. */
    private static void writeSpecs(SyntheticEstate estate, int changed, Path specs) {
        EstateFiles.write(estate, estate.withNewImage(changed, SERVICES), specs);
        try {
            Files.writeString(specs.resolve("environments/" + SyntheticEstate.ENVIRONMENT + ".yaml"),
                    "  sync: {policy: auto-apply, interval: 1h}\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What GitHub sends for a push to {@code bare}, signed with {@code secret} as GitHub signs (the notification
     * webhook's signature is the same HMAC); the agent must answer 202 and schedule a poll.
     */
    private static void postWebhook(HttpClient http, URI base, Path bare, String secret) throws InterruptedException {
        byte[] body = """
                {"ref":"refs/heads/main","repository":{"full_name":"bench/specs","clone_url":"%s"}}"""
                .formatted(bare.toUri()).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/hooks/github")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header(WebhookChannel.SIGNATURE_HEADER, WebhookChannel.signature(secret.getBytes(StandardCharsets.UTF_8), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202 || !response.body().contains("\"scheduledEnvironments\":1")) {
                throw new TurnoutException("the agent did not take the benchmark's webhook: " + response.statusCode() + " "
                        + response.body(), "This is a bug in the benchmark or the webhook.");
            }
        } catch (IOException e) {
            throw new TurnoutException("cannot post the benchmark's webhook: " + e.getMessage(), "Is the agent still running?");
        }
    }

    /** Waits for the event log's line on {@code commit}; anything but APPLIED fails the benchmark. */
    private static void awaitOutcome(AgentProcess agent, String commit, int from) throws InterruptedException {
        Pattern outcome = Pattern.compile(SyntheticEstate.ENVIRONMENT + ": " + CommitIds.shorten(commit) + " ([A-Z_]+)");
        AgentProcess.Line line = agent.awaitLine(l -> outcome.matcher(l.text()).find(), from, DEPLOYED_WITHIN,
                "the outcome of " + commit);
        Matcher m = outcome.matcher(line.text());
        if (m.find() && !m.group(1).equals("APPLIED")) {
            throw new TurnoutException("the benchmark's commit was not applied: " + line.text(), "This is a bug in the benchmark.");
        }
    }

    static Duration median(List<Duration> times) {
        if (times.isEmpty()) return Duration.ZERO;
        List<Duration> sorted = times.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
    }
}
