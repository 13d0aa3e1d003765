package io.turnout.spec.load;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Task-level cpu and memory as ECS reads them (units or vCPU, MiB or GB, either case) and the
 * combinations Fargate offers (AWS's table: "Task CPU and memory" of the Fargate guide).
 */
final class TaskSizes {
    private TaskSizes() {}

    /** Fargate cpu units and the memory (MiB) each takes: {first, last, step}. */
    static final Map<Long, long[]> FARGATE_CPU = new TreeMap<>(Map.of(
            256L, new long[] {512, 2048, 512},   // 512, 1024, 2048 (1536 is not offered, see below)
            512L, new long[] {1024, 4096, 1024},
            1024L, new long[] {2048, 8192, 1024},
            2048L, new long[] {4096, 16384, 1024},
            4096L, new long[] {8192, 30720, 1024},
            8192L, new long[] {16384, 61440, 4096},
            16384L, new long[] {32768, 122880, 8192}));

    /** The memory values (MiB) Fargate offers with {@code cpu} units; empty for a cpu it does not offer. */
    static List<Long> fargateMemory(long cpu) {
        long[] range = FARGATE_CPU.get(cpu);
        List<Long> values = new ArrayList<>();
        if (range == null) return values;
        for (long m = range[0]; m <= range[1]; m += range[2]) values.add(m);
        // 0.25 vCPU: 0.5, 1 and 2 GB only
        if (cpu == 256) values.remove(Long.valueOf(1536));
        return values;
    }

    static String describe(List<Long> values) {
        if (values.size() <= 4) return values.toString().replace("[", "").replace("]", "");
        return values.getFirst() + " to " + values.getLast() + " in steps of " + (values.get(1) - values.getFirst());
    }

    /** CPU units of a task-level cpu ("256", "1 vCPU", ".25 vcpu"); -1 when it is not a whole number of units. */
    static long cpuUnits(String text) {
        return amount(text, "vcpu");
    }

    /** MiB of a task-level memory ("512", "1 GB", ".5 gb"); -1 when it is not a whole number of MiB. */
    static long memoryMiB(String text) {
        return amount(text, "gb");
    }

    private static long amount(String text, String unit) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        try {
            BigDecimal value = lower.endsWith(unit)
                    ? new BigDecimal(lower.substring(0, lower.length() - unit.length()).trim()).multiply(BigDecimal.valueOf(1024))
                    : new BigDecimal(lower);
            return value.stripTrailingZeros().scale() > 0 || value.abs().compareTo(BigDecimal.valueOf(1L << 40)) > 0 ? -1 : value.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }
}
