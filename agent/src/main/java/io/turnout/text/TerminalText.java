package io.turnout.text;

import io.turnout.spec.DisplayText;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text made safe to show on a terminal, in a log line, on the status page or in an API message.
 * A spec value, a commit subject or an AWS message can carry any character: an escape sequence
 * ({@code \e[31m}) would recolour or rewrite the terminal of whoever reads it, a NUL or a carriage
 * return would hide text, a line break would forge a log line, and a bidirectional override would
 * show a value other than the one that is there. Each such character is written as an escape a
 * person can read ({@code \n}, {@code \r}, {@code \t}, {@code \0}, else {@code \u001B}); everything
 * else, accents and other scripts included, is left as it is.
 *
 * <p>The one place the runtime escapes (the schema module escapes its validation messages with the
 * same rules): log lines ({@link io.turnout.text.log}), the command line's stderr and progress
 * lines, the status page ({@link HtmlText}), pull-request comments ({@link MarkdownText}) and the
 * API's messages.
 */
public final class TerminalText {
    private TerminalText() {}

    /** One line: every unsafe character escaped, line breaks included. Null stays null. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** Several lines (a rendered plan, a stack trace): as {@link #escape}, but {@code \n} and {@code \t} are kept. */
    public static String escapeKeepingLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null || text.chars().noneMatch(c -> unsafe(c, keepLines))) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) appendEscaped(out, text.charAt(i), keepLines);
        return out.toString();
    }

    /** Whether {@code c} could change how a terminal or a reader shows the text around it (the specs' rules, {@link DisplayText}). */
    public static boolean unsafe(int c) {
        return DisplayText.unsafe(c);
    }

    private static boolean unsafe(int c, boolean keepLines) {
        return unsafe(c) && !(keepLines && (c == '\n' || c == '\t'));
    }

    private static void appendEscaped(StringBuilder out, char c, boolean keepLines) {
        if (!unsafe(c, keepLines)) {
            out.append(c);
            return;
        }
        out.append(DisplayText.escaped(c));
    }

    /**
     * A writer that escapes what goes through it, keeping line breaks (and a {@code \r} directly
     * before one, so that Windows line ends survive): the command line's stderr, where every error
     * and validation problem is printed and no output of Turnout's own is coloured.
     */
    public static PrintWriter escaping(PrintWriter target) {
        return new PrintWriter(new EscapingWriter(target), true);
    }

    private static final class EscapingWriter extends Writer {
        private final PrintWriter target;
        /** A {@code \r} held back until the next character says whether it ends a line. */
        private boolean pendingReturn;

        EscapingWriter(PrintWriter target) {
            super(target);
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            synchronized (lock) {
                StringBuilder out = new StringBuilder(length + 8);
                for (int i = offset; i < offset + length; i++) {
                    char c = buffer[i];
                    if (pendingReturn) {
                        out.append(c == '\n' ? "\r" : "\\r");
                        pendingReturn = false;
                    }
                    if (c == '\r') pendingReturn = true;
                    else appendEscaped(out, c, true);
                }
                target.write(out.toString());
            }
        }

        @Override
        public void flush() {
            synchronized (lock) {
                target.flush();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (pendingReturn) target.write("\\r");
                pendingReturn = false;
                target.flush();
            }
        }
    }
}
