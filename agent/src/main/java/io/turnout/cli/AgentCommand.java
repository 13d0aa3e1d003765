package io.turnout.cli;

import io.turnout.agent.runtime.AgentApplication;
import io.turnout.error.TurnoutException;
import java.io.PrintWriter;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code turnout agent}: the GitOps agent. Starts the Micronaut application (HTTP server with the
 * status page, API, webhooks and /metrics; the scheduler that polls the repository) and runs until
 * stopped (Ctrl-C or SIGTERM: running reconciles finish, then it exits).
 *
 * <p>The options become {@code turnout.agent.*} properties (the repository is
 * {@code turnout.agent.repositories.default}); anything else, such as a PostgreSQL database for
 * several replicas or repository credentials, comes from {@code application.yml}
 * ({@code MICRONAUT_CONFIG_FILES}) or environment variables ({@code TURNOUT_AGENT_DATASOURCE_URL} …).
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run the GitOps agent: deploy every new commit of the spec repository, as each environment's sync policy says.",
                "Polls the repository, validates, plans against live state and applies (or keeps the plan for review);",
                "reports drift; serves the status page and API over HTTP. Runs until stopped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"1:could not start (configuration, repository or port)",
                "143:stopped by SIGTERM (130 for Ctrl-C), after running deployments finished"})
final class AgentCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--branch", paramLabel = "BRANCH", defaultValue = "main", description = "The branch to follow (default: main).")
    String branch;


    @Mixin
    CloudOptions cloud;

    @Option(names = "--env", paramLabel = "ENV", split = ",",
            description = "Follow only these environments (repeat or separate with commas; default: every environment).")
    List<String> environments;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where clones, deployment journals and (with --cloud sim) the copy of the world live (default: ~/.turnout/agent).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The HTTP port (default: MICRONAUT_SERVER_PORT, else 8080; -1 for any free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "The address the HTTP server binds to (default: 127.0.0.1, this machine only, with --cloud sim or"
                    + " --world; otherwise MICRONAUT_SERVER_HOST, else every interface, as a container needs).")
    String host;

    /** The properties the options stand for. */
    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (repository.repo != null) {
            p.put("turnout.agent.repositories.default.url", repository.repo);
            p.put("turnout.agent.repositories.default.branch", branch);
            p.put("turnout.agent.repositories.default.path", repository.path);
        }
        if (cloud.cloud != null || cloud.world != null) p.put("turnout.agent.cloud", cloud.effectiveCloud().name().toLowerCase(Locale.ROOT));
        if (cloud.world != null) p.put("turnout.agent.world", cloud.world.toAbsolutePath().toString());
        if (environments != null && !environments.isEmpty()) p.put("turnout.agent.environments", String.join(",", environments));
        if (dataDir != null) p.put("turnout.agent.data-dir", dataDir.toAbsolutePath().toString());
        // Only what was given: the container image sets MICRONAUT_SERVER_PORT, and options would override it.
        if (port != null) p.put("micronaut.server.port", port);
        if (host != null) p.put("micronaut.server.host", host);
        else if (cloud.simulated()) {
            // a trial on the simulated cloud: nobody else needs to reach it
            p.put("micronaut.server.host", "127.0.0.1");
        }
        p.put("micronaut.application.name", "turnout");
        return p;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (cloud.simulated() && cloud.world == null) {
            throw new TurnoutException("--cloud sim needs --world FILE", "Pass a SimulatedWorld file, e.g. --world specs-example/world.yaml.");
        }
        AgentApplication agent = AgentApplication.start(properties());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // SIGTERM / Ctrl-C: stop the HTTP server and the scheduler (running reconciles finish first).
            agent.close();
            stopped.countDown();
        }, "turnout-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM / Ctrl-C while the application was starting: the JVM is already stopping and takes no more hooks
            agent.close();
            return ExitCodes.OK;
        }
        try {
            Optional<URL> url = agent.startServer();
            out.println(url.map(u -> "Turnout agent: status page on " + u + "/ — stop with Ctrl-C")
                    .orElse("Turnout agent running (no HTTP server) — stop with Ctrl-C"));
            out.flush();
        } catch (RuntimeException e) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // SIGTERM / Ctrl-C while the server was starting: the hook has stopped the scheduler under it, which is
                // why the server's start failed; not an error to report
                stopped.await();
                return ExitCodes.OK;
            }
            agent.close();
            throw e;
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
