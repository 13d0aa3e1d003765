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

    /** The agent's start and webhook times as a second table, with the machine's load while they ran. */
    public static String agentMarkdown(AgentBenchmark.Result agent, double loadAverage) {
        StringBuilder out = new StringBuilder();
        out.append("\nThe agent (`turnout agent` in its own JVM, started as `./turnout` starts it, ")
                .append(agent.aotCache() ? "with the build's AOT cache" : "without an AOT cache")
                .append(agent.jvmOptions().isEmpty() ? "" : " and `" + String.join(" ", agent.jvmOptions()) + "`")
                .append("; the simulated cloud, a local spec repository of ").append(AgentBenchmark.SERVICES)
                .append(" services in sync, a fresh data directory per start); load average ")
                .append(String.format(Locale.ROOT, "%.1f", loadAverage)).append(" when it began:\n\n");
        out.append("| measurement | median | runs |\n| --- | ---: | --- |\n");
        out.append("| start: launch to `/health/readiness` 200 | ").append(ScaleTable.time(agent.medianStart()))
                .append(" | ").append(times(agent.starts())).append(" |\n");
        out.append("| webhook to the first mutating call (").append(agent.firstStep().isEmpty() ? "the first step"
                        : "the first step: " + agent.firstStep().replace("|", "\\|")).append(") | ")
                .append(ScaleTable.time(agent.medianWebhook())).append(" | ").append(times(agent.webhooks())).append(" |\n");
        return out.toString();
    }

    private static String times(List<Duration> times) {
        return times.stream().map(ScaleTable::time).collect(Collectors.joining(", "));
    }

    private static String ops(Map<String, Long> calls) {
        return calls.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
