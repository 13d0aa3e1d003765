package io.turnout.spec;

import java.util.List;

/**
 * DNS mode: one Route 53 hosted zone Turnout may write, one record name with two weighted
 * CNAME records (set identifiers {@code <service>-a}/{@code <service>-b}), and two Cloud Map
 * services in {@code namespace}, one per slot. {@code weightSteps} lists the new slot's
 * weights in order; the last is always 100 (a single step means an immediate swap).
 */
public record DnsTraffic(String hostedZone, String recordName, long ttl, String namespace,
                         SlotPair<String> cloudMapServices, List<WeightStep> weightSteps) implements Traffic {
    public DnsTraffic {
        weightSteps = List.copyOf(weightSteps);
    }

    @Override
    public String mode() {
        return "dns";
    }
}
