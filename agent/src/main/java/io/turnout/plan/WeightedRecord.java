package io.turnout.plan;

import io.turnout.spec.Slot;

/**
 * One of the two weighted CNAME records of a DNS-mode service.
 *
 * @param setIdentifier {@code <service>-a} / {@code <service>-b}
 * @param value         the CNAME target: the slot's Cloud Map service name in its namespace
 * @param weight        the weight this step sets
 */
public record WeightedRecord(Slot slot, String setIdentifier, String value, long weight) {}
