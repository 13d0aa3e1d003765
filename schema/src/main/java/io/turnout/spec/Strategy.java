package io.turnout.spec;

/** How a service is deployed: {@link BlueGreen} (two slots, traffic swap) or {@link Rolling} (ECS's own update). */
public sealed interface Strategy permits BlueGreen, Rolling {}
