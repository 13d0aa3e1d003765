package io.turnout.spec;

import java.time.Duration;

/** One step of a DNS weight shift: the new slot's weight (0–100), then wait {@code bakeTime} and verify. */
public record WeightStep(int weight, Duration bakeTime) {}
