package io.turnout.spec.load;

import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spec durations: one or more {@code <number><unit>} parts (ms, s, m, h), e.g. 90s, 1m30s, 2h. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("^([0-9]+(ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private Durations() {}

    /**
     * Parses a duration the schema already accepted; throws IllegalArgumentException otherwise,
     * and for a duration beyond what {@link Duration} holds (about 292 billion years).
     */
    public static Duration parse(String text) {
        BigInteger millis = millis(text);
        if (millis.bitLength() >= 63) throw new IllegalArgumentException("duration too long: '" + text + "'");
        return Duration.ofMillis(millis.longValueExact());
    }

    /** Whether {@code text} is written as a duration (one or more number-unit parts), whatever its size. */
    public static boolean isDuration(String text) {
        return text != null && WHOLE.matcher(text).matches();
    }

    /** The duration in milliseconds, exactly, however large the numbers written (for bounds checks before {@link #parse}). */
    static BigInteger millis(String text) {
        if (!isDuration(text)) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (expected e.g. 90s, 1m30s, 2h)");
        }
        BigInteger total = BigInteger.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long unit = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            total = total.add(new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit)));
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
