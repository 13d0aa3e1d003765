package io.turnout.spec;

import java.time.Duration;
import java.util.List;

/**
 * A one-off ECS task run with the new task definition and a command override (e.g. smoke
 * tests); it must stop with exit code 0 within {@code timeout}.
 */
public record TaskCheck(String container, List<String> command, Duration timeout) {
    public TaskCheck {
        command = List.copyOf(command);
    }
}
