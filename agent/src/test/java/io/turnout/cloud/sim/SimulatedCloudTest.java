package io.turnout.cloud.sim;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.AwsTarget;
import io.turnout.spec.DeploymentPolicy;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.SyncPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatedCloudTest {
    private static EnvironmentSpec env(String region, Optional<String> account) {
        return new EnvironmentSpec("production", SourceLocation.of("environments/production.yaml"),
                new AwsTarget(region, account, Optional.empty()), "production", SyncPolicy.DEFAULT, DeploymentPolicy.DEFAULT);
    }

    @Test
    void environmentsFindTheirPartition() {
        SimulatedCloud cloud = new SimulatedCloud(new ManualClock());
        SimRegion prod = cloud.region("222222222222", "eu-west-1");
        SimRegion stage = cloud.region("111111111111", "eu-west-1");
        cloud.region("111111111111", "us-east-1");
        assertSame(prod.gateway(), cloud.gatewayFor(env("eu-west-1", Optional.of("222222222222"))));
        assertSame(stage.gateway(), cloud.gateway("111111111111", "eu-west-1"));
        assertSame(cloud.gateway("111111111111", "us-east-1"), cloud.gatewayFor(env("us-east-1", Optional.empty())),
                "without an account, the only partition in the region");
        IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class,
                () -> cloud.gatewayFor(env("eu-west-1", Optional.empty())));
        assertTrue(ambiguous.getMessage().contains("set aws.accountId"), ambiguous.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> cloud.gatewayFor(env("eu-west-1", Optional.of("333333333333"))));
        assertTrue(missing.getMessage().contains("333333333333/eu-west-1"), missing.getMessage());
    }
}
