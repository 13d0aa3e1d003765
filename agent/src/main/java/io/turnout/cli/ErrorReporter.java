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
            case CloudException c -> {
                err.println("error: " + c.getMessage());
                // The gateway says what to do next when it knows (AwsErrors); otherwise the kind does.
                if (!c.nextStep().isEmpty()) err.println(c.nextStep());
                else if (c.retryable()) err.println("This is transient (" + c.kind() + "); run the command again.");
                else err.println("Nothing was changed. Fix the cause above and run the command again.");
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
