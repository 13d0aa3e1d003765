package io.turnout.text.log;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.turnout.text.TerminalText;

/**
 * A logged exception's stack trace, with control characters in its messages escaped (its lines
 * kept): an exception message may quote a spec value. Used by the pattern in {@code logback.xml}
 * as {@code %safeEx}.
 */
public final class EscapedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return TerminalText.escapeKeepingLines(super.throwableProxyToString(throwable));
    }
}
