package io.turnout.reconcile;

import io.turnout.apply.HttpProbe;
import io.turnout.apply.Sleeper;
import io.turnout.cloud.CloudGateway;
import io.turnout.spec.EnvironmentSpec;
import java.time.InstantSource;

/**
 * The cloud the agent deploys to: AWS ({@link AwsCloudAccess}) or the simulated cloud of a world
 * file ({@link SimulatedCloudAccess}). Gives the gateway of an environment, how the executor
 * waits and measures time, and how HTTP checks are made.
 */
public interface CloudAccess extends AutoCloseable {
    /** The gateway of {@code environment}; the same one on every call for the same environment and AWS target. */
    CloudGateway gatewayFor(EnvironmentSpec environment);

    /** The clock deployments measure deadlines on. */
    InstantSource clock();

    /** How deployments wait. */
    Sleeper sleeper();

    HttpProbe httpProbe();

    /** Called before each reconcile (the simulated cloud catches its clock up with the wall clock). */
    default void beforeReconcile() {
    }

    /** Called after each deployment (the simulated cloud saves its world). */
    default void afterDeployment() {
    }

    @Override
    default void close() {
    }
}
