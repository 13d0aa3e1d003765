package io.turnout.cli;

import io.turnout.error.TurnoutException;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --services N,…}: the environment sizes a benchmark measures. */
final class ServiceCounts {
    @Option(names = "--services", split = ",", paramLabel = "N[,N…]", defaultValue = "10,100,1000,5000",
            description = "The environment sizes to measure (default: 10,100,1000,5000).")
    List<Integer> services;

    /** The sizes; an error saying what to pass when one is below 1. */
    List<Integer> checked() {
        for (int n : services) {
            if (n < 1) throw new TurnoutException("--services takes sizes of at least 1, got " + n, "Pass e.g. --services 10,100.");
        }
        return services;
    }
}
