package io.turnout.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@link ScaleBenchmark} rows as one Markdown table, with the machine they ran on in a header line. */
public final class ScaleTable {
    private ScaleTable() {}

    /** Cores, memory, JDK and OS of this machine, as one line. */
    public static String machine() {
        long memory = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        Runtime.Version v = Runtime.version();
        return "%d cores, %.1f GiB memory (max heap %d MiB), %s %s, %s %s %s".formatted(
                Runtime.getRuntime().availableProcessors(), memory / (1024.0 * 1024 * 1024),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.vm.vendor"), v,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    public static String markdown(List<ScaleBenchmark.Row> rows, Duration latency) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine()).append("; ").append(LocalDate.now(ZoneOffset.UTC))
                .append(". Modelled AWS latency: ").append(latency.toMillis()).append(" ms per call; reads within AWS's")
                .append(" default read budgets (ECS 50 burst + 20/s, ELB 40 + 10/s, Route 53 50 + 10/s).\n\n");
        out.append("| services | no-op reconcile: wall | no-op: agent CPU | AWS calls | AWS minimum | calls / minimum")
                .append(" | naive reader: calls | naive / minimum | naive at the modelled latency | poll, no new commit")
                .append(" | plan 1 change | plan all changed | validate spec tree | heap after GC | Turnout's calls by operation |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |\n");
        for (ScaleBenchmark.Row r : rows) {
            Map<String, Long> ops = new TreeMap<>(r.calls());
            out.append("| ").append(r.services())
                    .append(" | ").append(time(r.noOpWall())).append(r.inSync() ? "" : " (not a no-op!)")
                    .append(" | ").append(time(r.noOpCpu()))
                    .append(" | ").append(r.total())
                    .append(" | ").append(r.minimum().total())
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.ratio()))
                    .append(" | ").append(r.naiveCalls()).append(r.naiveInSync() ? "" : " (not a no-op!)")
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.naiveRatio()))
                    .append(" | ").append(time(latency.multipliedBy(r.naiveCalls())))
                    .append(" | ").append(time(r.poll())).append(": ").append(r.pollDelta().fetches()).append(" fetches, ")
                    .append(r.pollDelta().objectsFetched()).append(" objects, ").append(r.pollDelta().specParses()).append(" specs parsed")
                    .append(" | ").append(time(r.planOne())).append(" (").append(r.planOneCalls()).append(" calls)")
                    .append(" | ").append(time(r.planAll())).append(" (").append(r.planAllCalls()).append(" calls)")
                    .append(" | ").append(time(r.validation())).append(" (").append(r.specFiles()).append(" files)")
                    .append(" | ").append(r.heapUsedBytes() / (1024 * 1024)).append(" MiB")
                    .append(" | ").append(ops.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return out.toString();
    }

    static String time(Duration d) {
        double ms = d.toNanos() / 1e6;
        if (ms >= 10_000) return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        if (ms >= 1000) return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        if (ms >= 10) return String.format(Locale.ROOT, "%.0f ms", ms);
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
