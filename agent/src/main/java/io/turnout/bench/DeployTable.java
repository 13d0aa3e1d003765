package io.turnout.bench;

import io.turnout.cloud.budget.WriteBudget;
import io.turnout.spec.load.Durations;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@link DeployBenchmark} rows as one Markdown table, with the machine, the write budgets and the single-service time. */
public final class DeployTable {
    private DeployTable() {
    }

    /** @param oneService the simulated duration of a one-service deployment: the floor's first half */
    public static String markdown(List<DeployBenchmark.Row> rows, Duration oneService) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(ScaleTable.machine()).append("; ").append(LocalDate.now(ZoneOffset.UTC))
                .append(". Simulated cloud on its virtual clock (a task starts in 20 s, a target turns healthy 10 s later,")
                .append(" the old slot is downsized 5m after the swap); every service of the commit changed; deployment.maxParallel = N;")
                .append(" write budgets: ").append(WriteBudget.AWS_DEFAULTS.stream()
                        .map(b -> b.name() + " " + b.burst() + " + " + (long) b.ratePerSecond() + "/s").collect(Collectors.joining(", ")))
                .append(". One service's deployment: ").append(Durations.format(oneService)).append(" (simulated).\n\n");
        out.append("| services | result | simulated duration | wall time | floor | simulated / floor | the floor's budget |")
                .append(" mutating calls | reads | mutating calls by operation | reads by operation |\n");
        out.append("| ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |\n");
        for (DeployBenchmark.Row r : rows) {
            out.append("| ").append(r.services())
                    .append(" | ").append(r.result().name().toLowerCase(Locale.ROOT)).append(" (").append(r.applied()).append(" applied)")
                    .append(" | ").append(Durations.format(r.simulated()))
                    .append(" | ").append(ScaleTable.time(r.wall()))
                    .append(" | ").append(Durations.format(r.floor(oneService)))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.ratio(oneService)))
                    .append(" | ").append(r.bindingBudget())
                    .append(" | ").append(r.mutatingTotal())
                    .append(" | ").append(r.readTotal())
                    .append(" | ").append(ops(r.mutating()))
                    .append(" | ").append(ops(r.calls().entrySet().stream().filter(e -> !r.mutating().containsKey(e.getKey()))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new))))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String ops(Map<String, Long> calls) {
        return calls.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
