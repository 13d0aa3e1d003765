package io.turnout.cli;

import io.turnout.bench.CallBenchmark;
import io.turnout.bench.DeployBenchmark;
import io.turnout.bench.DeployTable;
import io.turnout.bench.ScaleBenchmark;
import io.turnout.bench.ScaleTable;
import io.turnout.error.TurnoutException;
import io.turnout.spec.load.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code turnout bench}: how Turnout's cost grows with the number of services (for maintainers; hidden from the main help). */
@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
        description = {"Measure how Turnout's cost grows with the number of services in one environment of the simulated",
                "cloud (all deployed and in sync; 50 listener-rule services per load balancer, every tenth service on DNS",
                "traffic): a no-op reconcile (wall time with a modelled latency per AWS call, agent CPU time, AWS calls",
                "next to the minimum AWS allows), the same read by a naive per-service reader, a poll of a local Git",
                "repository with no new commit, planning a change to 1 and to all services, validating the spec tree,",
                "and the heap after a reconcile. Prints one Markdown table and writes it to --out."},
        subcommands = {BenchCommand.Calls.class, BenchCommand.Deploy.class})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ServiceCounts services;

    @Option(names = "--latency", paramLabel = "DURATION", defaultValue = "20ms",
            description = "Modelled AWS round trip per call, slept for real (default: 20ms; 0ms for none).")
    String latency;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench-results/bench.md",
            description = "Where to write the table (default: bench-results/bench.md).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Duration modelled = parseLatency(latency);
        List<Integer> sizes = services.checked();
        Path work = Files.createTempDirectory("turnout-bench");
        try {
            var err = spec.commandLine().getErr();
            err.println("warming up …");
            ScaleBenchmark.warmUp(work);
            List<ScaleBenchmark.Row> rows = new ArrayList<>();
            for (int n : sizes) {
                err.println("measuring " + n + " services …");
                err.flush();
                rows.add(ScaleBenchmark.run(n, modelled, work));
            }
            return print(ScaleTable.markdown(rows, modelled), out, spec);
        } finally {
            ScaleBenchmark.delete(work);
        }
    }

    /** Prints {@code table} and writes it to {@code out} (its folder created), saying where on stderr. */
    static int print(String table, Path out, CommandLine.Model.CommandSpec spec) throws IOException {
        spec.commandLine().getOut().print(table);
        spec.commandLine().getOut().flush();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(out, table);
        spec.commandLine().getErr().println("written to " + out);
        return ExitCodes.OK;
    }

    static Duration parseLatency(String text) {
        if (text.matches("0+")) return Duration.ZERO;
        try {
            return Durations.parse(text);
        } catch (RuntimeException e) {
            throw new TurnoutException("--latency takes a duration like 20ms or 0ms, got '" + text + "'", "Pass e.g. --latency 20ms.");
        }
    }

    /** {@code turnout bench deploy}: how long a commit changing N services takes to deploy, next to the floor. */
    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = {"Deploy a commit that changes N services of the synthetic estate on the simulated cloud, as the",
                    "agent does (journal on disk, AWS's write budgets on the virtual clock, deployment.maxParallel = N),",
                    "and print the simulated duration, the wall time, the AWS calls by operation (mutating ones apart), the",
                    "floor (one service's deployment plus the time the write budgets impose on that many mutating calls)",
                    "and the ratio. Prints one Markdown table and writes it to --out."})
    static final class Deploy implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--services", split = ",", paramLabel = "N[,N…]", defaultValue = "1,10,100,1000",
                description = "The numbers of changed services to measure (default: 1,10,100,1000).")
        List<Integer> services;

        @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench-results/deploy.md",
                description = "Where to write the table (default: bench-results/deploy.md).")
        Path out;

        @Override
        public Integer call() throws IOException {
            for (int n : services) {
                if (n < 1) throw new TurnoutException("--services takes sizes of at least 1, got " + n, "Pass e.g. --services 1,10,100.");
            }
            Path work = Files.createTempDirectory("turnout-bench-deploy");
            try {
                var err = spec.commandLine().getErr();
                err.println("measuring one service (the floor's first half) …");
                err.flush();
                DeployBenchmark.Row one = DeployBenchmark.run(1, work);
                List<DeployBenchmark.Row> rows = new ArrayList<>();
                for (int n : services) {
                    err.println("deploying " + n + " changed services …");
                    err.flush();
                    rows.add(n == 1 ? one : DeployBenchmark.run(n, work));
                }
                return print(DeployTable.markdown(rows, one.simulated()), out, spec);
            } finally {
                ScaleBenchmark.delete(work);
            }
        }
    }

    /** {@code turnout bench calls}: AWS calls of a no-op reconcile of N services against the simulated cloud. */
    @Command(name = "calls", mixinStandardHelpOptions = true,
            description = {"Count the AWS calls a no-op reconcile (read + plan) makes for N blue/green services in one",
                    "environment of the simulated cloud (all deployed and in sync; 1 load balancer per 50 ELB services,",
                    "every tenth service on DNS traffic in one zone), next to the minimum AWS's APIs allow (see the",
                    "README: ceil(N/10) DescribeServices, one listener set read per load balancer, zone and Cloud Map",
                    "reads). Prints a Markdown table; no timings, so the numbers are the same on every machine."})
    static final class Calls implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ServiceCounts services;

        @Override
        public Integer call() {
            List<CallBenchmark.Row> rows = new ArrayList<>();
            for (int n : services.checked()) rows.add(CallBenchmark.run(n));
            spec.commandLine().getOut().print(CallBenchmark.markdown(rows));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
