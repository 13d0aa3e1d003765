package io.turnout.cloud;

/** A hosted zone; {@code id} without the {@code /hostedzone/} prefix, {@code name} with the final dot. */
public record HostedZoneInfo(String id, String name, boolean privateZone) {}
