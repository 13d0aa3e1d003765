package io.turnout.cloud;

import io.turnout.spec.EnvironmentSpec;
import io.turnout.time.Sleeper;
import java.time.InstantSource;

/**
 * One cloud as deployments see it: AWS ({@code cloud.aws.AwsCloudAccess}) or the simulated cloud
 * of a world file ({@code cloud.sim.SimulatedCloudAccess}). Gives the gateway of an environment,
 * the clock deadlines are measured on, how waits happen and how HTTP checks are made — so that the
 * same reconcile and the same executor run against either. Opened in one place,
 * {@code io.turnout.pipeline.CloudOpener}, for the command line and the agent alike.
 */
public interface CloudAccess extends AutoCloseable {
    /** The gateway of {@code environment}; the same one on every call for the same environment and AWS target. */
    CloudGateway gatewayFor(EnvironmentSpec environment);

    /** The clock deployments measure deadlines on. */
    InstantSource clock();

    /** How deployments wait. */
    Sleeper sleeper();

    /** How verification's HTTP checks reach a service. */
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
