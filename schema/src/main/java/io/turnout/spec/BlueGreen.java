package io.turnout.spec;

import java.util.Optional;

/**
 * Two long-lived ECS services (slots a and b); a deployment updates the idle one, verifies
 * it, then moves production traffic. {@code verification} empty means "the environment's
 * defaults".
 */
public record BlueGreen(Traffic traffic, Optional<Verification> verification, Optional<AutoScaling> autoScaling)
        implements Strategy {}
