package io.turnout.spec;

import java.time.Duration;
import java.util.Optional;

/** An HTTP request sent through the stage listener before a swap; the slot passes if the status matches. */
public record HttpCheck(String path, int expectStatus, Optional<String> expectBodyContains, Duration timeout) {}
