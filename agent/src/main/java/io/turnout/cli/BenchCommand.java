package io.turnout.cli;

import io.turnout.bench.CallBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code turnout bench}: Turnout's own benchmarks (for maintainers; hidden from the main help). */
@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmarks of Turnout itself (for maintainers).",
        subcommands = {BenchCommand.Calls.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code turnout bench calls}: AWS calls of a no-op reconcile of N services against the simulated cloud. */
    @Command(name = "calls", mixinStandardHelpOptions = true,
            description = {"Count the AWS calls a no-op reconcile (read + plan) makes for N blue/green services in one",
                    "environment of the simulated cloud (all deployed and in sync; 1 load balancer per 50 ELB services,",
                    "every tenth service on DNS traffic in one zone), next to the minimum: ceil(N/10) DescribeServices",
                    "plus one read per load balancer and per hosted zone. Prints a Markdown table."})
    static final class Calls implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--services", split = ",", paramLabel = "N[,N…]", defaultValue = "10,100,1000,5000",
                description = "The environment sizes to measure (default: 10,100,1000,5000).")
        List<Integer> services;

        @Override
        public Integer call() {
            List<CallBenchmark.Row> rows = new ArrayList<>();
            for (int n : services) {
                if (n < 1) throw new UserError("--services takes sizes of at least 1, got " + n, "Pass e.g. --services 10,100.");
                rows.add(CallBenchmark.run(n));
            }
            spec.commandLine().getOut().print(CallBenchmark.markdown(rows));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
