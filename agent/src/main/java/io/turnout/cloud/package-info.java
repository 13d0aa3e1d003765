/**
 * The cloud gateway: the one interface through which Turnout reads and changes AWS (ECS,
 * ELBv2, Route 53, Cloud Map, Application Auto Scaling), in AWS's own operation names and
 * shapes but with plain records instead of SDK types. Implementations: the AWS SDK v2 gateway
 * ({@code io.turnout.cloud.aws}) and the simulated cloud ({@code io.turnout.cloud.sim}). Every
 * implementation raises {@link io.turnout.cloud.CloudException} with the error code AWS would
 * return. {@link io.turnout.cloud.CloudAccess} is one cloud as deployments see it (the gateway of
 * each environment, its clock, how it waits, how HTTP checks reach a service).
 */
package io.turnout.cloud;
