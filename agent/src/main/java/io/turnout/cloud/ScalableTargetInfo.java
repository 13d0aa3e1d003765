package io.turnout.cloud;

/** A scalable target of an ECS service ({@code resourceId} = {@code service/<cluster>/<service>}). */
public record ScalableTargetInfo(String resourceId, int minCapacity, int maxCapacity) {
    public static String resourceId(String cluster, String service) {
        return "service/" + cluster + "/" + service;
    }
}
