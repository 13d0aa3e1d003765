package io.turnout.spec.load;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spec durations: one or more {@code <number><unit>} parts (ms, s, m, h), e.g. 90s, 1m30s, 2h. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("^([0-9]+(ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private Durations() {}

    /** Parses a duration the schema already accepted; throws IllegalArgumentException otherwise. */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (expected e.g. 90s, 1m30s, 2h)");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total;
    }

    /** The shortest spec text for a duration (90s → "1m30s"), the inverse of {@link #parse}; negative ones get a "-". */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder s = new StringBuilder();
        if (d.isNegative()) {
            s.append('-');
            d = d.negated();
        }
        long hours = d.toHours();
        if (hours > 0) s.append(hours).append('h');
        if (d.toMinutesPart() > 0) s.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) s.append(d.toSecondsPart()).append('s');
        if (d.toMillisPart() > 0) s.append(d.toMillisPart()).append("ms");
        return s.toString();
    }
}
