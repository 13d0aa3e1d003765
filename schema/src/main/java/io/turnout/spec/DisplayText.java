package io.turnout.spec;

/**
 * Text from a spec, made safe to print on a terminal, in a log line or in a comment.
 *
 * <p>A spec value can carry any character: an escape sequence ({@code \e[31m}) would recolour
 * or rewrite the terminal of whoever runs {@code turnout validate}, a NUL or a carriage return
 * would hide text, and a bidirectional override would show a value other than the one that is
 * there. Every such character is written as an escape a person can read: {@code \n},
 * {@code \r}, {@code \t}, {@code \0}, else {@code \u001B}-style. Everything else, accents and
 * other scripts included, is left as it is.
 */
public final class DisplayText {
    private DisplayText() {}

    /** {@code text} with every control, format-override and line-separator character escaped; null stays null. */
    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(DisplayText::unsafe)) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (unsafe(c)) out.append(escaped(c));
            else out.appendCodePoint(c);
        });
        return out.toString();
    }

    /** How an unsafe character is written: {@code \n}, {@code \r}, {@code \t}, {@code \0}, else {@code \u001B}-style. */
    public static String escaped(int c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0 -> "\\0";
            default -> String.format("\\u%04X", c);
        };
    }

    /**
     * Whether {@code c} could change how a terminal or a reader shows the text around it: C0 and
     * C1 controls and DEL, the line and paragraph separators, bidirectional overrides, isolates
     * and marks (all in the Basic Multilingual Plane, so text can be checked char by char).
     */
    public static boolean unsafe(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) // C0, DEL and C1 controls (ESC, CSI, NUL …)
                || c == 0x2028 || c == 0x2029 // line and paragraph separators
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) // bidirectional overrides and isolates
                || c == 0x200E || c == 0x200F || c == 0x061C; // direction marks
    }
}
