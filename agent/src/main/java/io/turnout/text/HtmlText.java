package io.turnout.text;

/**
 * HTML escaping, for the status page and for the HTML inside pull-request comments. Every value
 * that comes from a spec, a commit, AWS or the agent goes through {@link #text}; commit subjects
 * and image names are written by people and must show as text, never as markup. Control and
 * direction characters are escaped as {@link TerminalText} does (line breaks and tabs kept: a
 * rendered plan in a {@code <pre>} keeps its lines).
 */
public final class HtmlText {
    private HtmlText() {}

    /** Escapes for element content and for double- or single-quoted attribute values. */
    public static String text(String value) {
        if (value == null) return "";
        value = TerminalText.escapeKeepingLines(value);
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (markup(c, out)) continue;
            switch (c) {
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends {@code c} as an entity when it is markup ({@code & < >}); false, appending nothing, otherwise. */
    static boolean markup(char c, StringBuilder out) {
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            default -> {
                return false;
            }
        }
        return true;
    }
}
