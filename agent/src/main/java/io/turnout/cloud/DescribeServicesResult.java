package io.turnout.cloud;

import java.util.List;

/** DescribeServices' answer: the services found, and a failure (arn or name + reason, e.g. MISSING) for each one not found. */
public record DescribeServicesResult(List<EcsServiceInfo> services, List<Failure> failures) {
    public record Failure(String arn, String reason) {}

    public DescribeServicesResult {
        services = List.copyOf(services);
        failures = List.copyOf(failures);
    }
}
