/**
 * The cloud gateway: the one interface through which Turnout reads and changes AWS (ECS,
 * ELBv2, Route 53, Cloud Map, Application Auto Scaling), in AWS's own operation names and
 * shapes but with plain records instead of SDK types. Implementations: the simulated cloud
 * ({@code io.turnout.cloud.sim}) and, later, the AWS SDK v2 gateway. Every implementation
 * raises {@link io.turnout.cloud.CloudException} with the error code AWS would return.
 */
package io.turnout.cloud;
