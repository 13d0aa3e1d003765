package io.turnout.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.apply.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Control characters from specs, commits and AWS never reach a terminal, a log or a page raw (issue 11). */
class TerminalTextTest {
    static final String HOSTILE = "web\u001B[31mred\u0000\r\n2nd line\t\u009B2J\u202Eevil\u2028";

    /** No character that could change how the text around it is shown. */
    static boolean raw(String text) {
        return text.chars().anyMatch(TerminalText::unsafe);
    }

    @Test
    void oneLineEscapesEveryControlAndDirectionCharacter() {
        assertEquals("web\\u001B[31mred\\0\\r\\n2nd line\\t\\u009B2J\\u202Eevil\\u2028", TerminalText.escape(HOSTILE));
        assertEquals("Zürich 東京 — ok", TerminalText.escape("Zürich 東京 — ok"), "accents and other scripts stay");
        assertNull(TerminalText.escape(null));
        assertFalse(raw(TerminalText.escape(HOSTILE)));
    }

    @Test
    void severalLinesKeepLineBreaksAndTabs() {
        assertEquals("web\\u001B[31mred\\0\\r\n2nd line\t\\u009B2J\\u202Eevil\\u2028", TerminalText.escapeKeepingLines(HOSTILE));
    }

    @Test
    void theStderrWriterEscapesButKeepsLineEnds() {
        StringWriter target = new StringWriter();
        PrintWriter err = TerminalText.escaping(new PrintWriter(target));
        err.println("error: no environment named 'prod\u001B[2J\u0000'");
        err.print("windows line\r\nlone\rreturn");
        err.flush();
        err.close();
        assertEquals("error: no environment named 'prod\\u001B[2J\\0'" + System.lineSeparator() + "windows line\r\nlone\\rreturn",
                target.toString());
    }

    @Test
    void progressLinesAreOneEscapedLine() {
        StringWriter out = new StringWriter();
        Progress.to(new PrintWriter(out)).line("Waiting for " + HOSTILE);
        assertEquals("Waiting for " + TerminalText.escape(HOSTILE) + System.lineSeparator(), out.toString());
    }

    @Test
    void htmlAndMarkdownEscapeThemToo() {
        String html = HtmlText.text(HOSTILE);
        assertFalse(raw(html.replace("\n", "").replace("\t", "")), html);
        assertTrue(html.contains("\n2nd line\t"), "lines kept in a <pre>");
        assertFalse(raw(MarkdownText.text(HOSTILE)), MarkdownText.text(HOSTILE));
        assertFalse(raw(MarkdownText.code(HOSTILE)), MarkdownText.code(HOSTILE));
        assertFalse(raw(MarkdownText.fenced("x\u001B[31m").replace("\n", "")));
    }
}
