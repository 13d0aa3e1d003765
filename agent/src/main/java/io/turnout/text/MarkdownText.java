package io.turnout.text;

/**
 * Escaping for values that end up in a GitHub/GitLab comment. Values come from specs and AWS
 * (image names, paths, messages) and must show as written: never as Markdown emphasis, links,
 * raw HTML (which could hide text or break the {@code <details>} layout) or table columns.
 */
public final class MarkdownText {
    private MarkdownText() {}

    /** Running text: HTML-significant characters as entities, Markdown punctuation backslash-escaped. */
    public static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (HtmlText.markup(c, out)) continue;
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '~' -> out.append('\\').append(c);
                case '\n', '\r' -> out.append(' ');
                default -> out.append(TerminalText.unsafe(c) ? TerminalText.escape(String.valueOf(c)) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    /**
     * An inline code span. Inside a span backslashes are literal, so a value holding backticks
     * gets a longer fence instead; {@code |} is still escaped because GitHub splits table cells
     * before it parses code spans.
     */
    public static String code(String value) {
        String flat = TerminalText.escape(value.replace('\n', ' ').replace('\r', ' ')).replace("|", "\\|");
        if (!flat.contains("`")) return "`" + flat + "`";
        return "`` " + flat + " ``";
    }

    /** Text inside an HTML element such as {@code <summary>}: entities only ({@link HtmlText}). */
    public static String html(String value) {
        return HtmlText.text(value);
    }

    /** A line inside a fenced code block: a value holding a fence would end the block early. */
    public static String fenced(String line) {
        return TerminalText.escapeKeepingLines(line).replace("```", "`\u200B``");
    }
}
