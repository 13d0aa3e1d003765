package io.turnout.spec;

/** How production traffic reaches a blue/green service: {@link ElbTraffic} or {@link DnsTraffic}. */
public sealed interface Traffic permits ElbTraffic, DnsTraffic {
    /** {@code elb} or {@code dns}, as the spec names the mode. */
    String mode();
}
