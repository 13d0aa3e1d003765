package io.turnout.plan;

import java.time.Duration;

/** Durations written the way specs write them: {@code 90s} becomes {@code 1m30s}, zero is {@code 0s}. */
public final class Durations {
    private Durations() {}

    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder s = new StringBuilder();
        if (d.isNegative()) {
            s.append('-');
            d = d.negated();
        }
        long h = d.toHours();
        int m = d.toMinutesPart();
        int sec = d.toSecondsPart();
        int ms = d.toMillisPart();
        if (h > 0) s.append(h).append('h');
        if (m > 0) s.append(m).append('m');
        if (sec > 0) s.append(sec).append('s');
        if (ms > 0) s.append(ms).append("ms");
        return s.toString();
    }
}
