package io.turnout.cloud.contract;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.cloud.sim.SimRegion;
import io.turnout.cloud.sim.SimulatedCloud;

/** The gateway contract against the simulated cloud: always runs, and holds it to AWS's answers. */
class SimulatedCloudContractTest extends CloudGatewayContract {
    private final SimRegion region = new SimulatedCloud(new ManualClock()).region("222222222222", "eu-west-1");
    private final Infrastructure infrastructure = new SimInfrastructure(region);

    @Override
    CloudGateway gateway() {
        return region.gateway();
    }

    @Override
    Infrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    String run() {
        return "sim";
    }

    @Override
    boolean isAws() {
        return true;
    }
}
