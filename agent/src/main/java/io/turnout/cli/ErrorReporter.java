package io.turnout.cli;

import io.turnout.cloud.CloudException;
import io.turnout.error.TurnoutException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns an exception that escaped a command into one or two lines a person can act on, and
 * exit code 1. The stack trace is printed only with {@code TURNOUT_DEBUG=1}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        switch (ex) {
            case UserError u -> {
                err.println("error: " + u.getMessage());
                if (!u.fix().isEmpty()) err.println(u.fix());
            }
            case CloudException c -> {
                err.println("error: " + c.getMessage());
                // Gateways may already say what to do next; add the generic advice only when they did not.
                String said = c.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (c.retryable() && !said.contains("retry")) {
                    err.println("This is transient (" + c.kind() + "); run the command again.");
                } else if (!c.retryable() && !said.contains("nothing was")) {
                    err.println("Nothing was changed. Fix the cause above and run the command again.");
                }
            }
            case TurnoutException t -> {
                err.println("error: " + t.getMessage());
                if (!t.nextStep().isEmpty()) err.println(t.nextStep());
            }
            default -> {
                err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
                err.println("This is a bug in Turnout; please report it with the command you ran"
                        + " (TURNOUT_DEBUG=1 prints the stack trace).");
            }
        }
        if ("1".equals(System.getenv("TURNOUT_DEBUG"))) ex.printStackTrace(err);
        err.flush();
        return ExitCodes.ERROR;
    }
}
