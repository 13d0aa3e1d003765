package io.turnout.cloud;

/** A load balancer; {@code type} is {@code application} or {@code network}. */
public record LoadBalancerInfo(String arn, String name, String type, String dnsName) {}
