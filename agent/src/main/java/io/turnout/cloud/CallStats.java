package io.turnout.cloud;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counter of calls by operation ({@code ecs:DescribeServices}), for stats lines, metrics and tests. */
public final class CallStats {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    public void record(String operation) {
        calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    public long count(String operation) {
        LongAdder adder = calls.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A sorted copy: operation to count. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void reset() {
        calls.clear();
    }
}
