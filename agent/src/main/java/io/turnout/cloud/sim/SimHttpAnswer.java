package io.turnout.cloud.sim;

/** An answer of a simulated load balancer to an HTTP GET, and the target group that gave it (null for none). */
public record SimHttpAnswer(int status, String body, String targetGroup) {}
