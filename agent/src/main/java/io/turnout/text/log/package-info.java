/**
 * Log lines written safely: logback converters that escape the message and the stack trace of
 * every log event with {@link io.turnout.text.TerminalText}, registered in {@code logback.xml}
 * ({@code %safeMsg}, {@code %safeEx}).
 */
package io.turnout.text.log;
