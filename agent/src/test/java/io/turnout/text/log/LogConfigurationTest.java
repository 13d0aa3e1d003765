package io.turnout.text.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.turnout.eventlog.EventLog;
import io.turnout.text.TerminalText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The log configuration the jar ships ({@code src/main/resources/logback.xml}; tests run with
 * logback-test.xml): at the default level the event log's lines (one per commit outcome, as the
 * README and CI's {@code ' APPLIED: '} expect) are written and the rest is quiet; every line is
 * escaped, message and stack trace.
 */
class LogConfigurationTest {
    static final Path SHIPPED = Path.of("src", "main", "resources", "logback.xml");

    static LoggerContext shipped() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(SHIPPED.toFile());
        return context;
    }

    static String encode(LoggerContext context, ILoggingEvent event) {
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> appender =
                (OutputStreamAppender<ILoggingEvent>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void outcomesAreLoggedAtTheDefaultLevelAndTheRestStaysQuiet() throws Exception {
        assumeTrue(System.getenv("TURNOUT_LOG_LEVEL") == null && System.getenv("TURNOUT_EVENT_LOG_LEVEL") == null,
                "the defaults are what is tested");
        LoggerContext context = shipped();
        assertTrue(context.getLogger(EventLog.class).isInfoEnabled(), "one INFO line per commit outcome by default");
        assertFalse(context.getLogger("io.turnout.reconcile.EnvironmentReconciler").isInfoEnabled());
        assertEquals(Level.WARN, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
        context.stop();
    }

    @Test
    void everyLineIsEscapedMessageAndStackTrace() throws Exception {
        LoggerContext context = shipped();
        Logger logger = context.getLogger(EventLog.class);
        LoggingEvent outcome = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "{}: {} {}: {}", null,
                new Object[] {"production", "1a2b3c4d5e6f", "APPLIED", "web: image nginx\u001B[31m:1.28\r\nFORGED line"});
        String line = encode(context, outcome);
        assertTrue(line.contains(" - production: 1a2b3c4d5e6f APPLIED: web: image nginx\\u001B[31m:1.28\\r\\nFORGED line"), line);
        assertEquals(1, line.lines().count(), "one event, one line");

        LoggingEvent bug = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "production: problem",
                new IllegalStateException("bad value \u001B[2J\u0000"), null);
        String trace = encode(context, bug);
        assertTrue(trace.contains("java.lang.IllegalStateException: bad value \\u001B[2J\\0"), trace);
        assertTrue(trace.lines().count() > 2, "the stack trace keeps its lines");
        assertFalse(trace.replace("\n", "").replace("\t", "").chars().anyMatch(TerminalText::unsafe), trace);
        context.stop();
    }
}
