package io.turnout.text.log;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.turnout.text.TerminalText;

/**
 * {@code %msg}, escaped: one log event is one line whatever its arguments hold (a spec value with
 * {@code \e[31m}, a commit subject with a line break that would forge a second log line). Used by
 * the pattern in {@code logback.xml} as {@code %safeMsg}.
 */
public final class EscapedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return TerminalText.escape(super.convert(event));
    }
}
