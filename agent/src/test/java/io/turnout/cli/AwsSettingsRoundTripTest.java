package io.turnout.cli;

import static io.turnout.cli.CommandLineTest.exampleCopy;
import static io.turnout.cli.CommandLineTest.replaceIn;
import static io.turnout.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cli.CommandLineTest.Run;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CreateService settings Turnout now accepts (issue 11) reach the cloud and come back equal:
 * applied once, the next plan is in sync (no perpetual difference from AWS's defaults), and a
 * change to one of them is a difference.
 */
class AwsSettingsRoundTripTest {
    @TempDir
    Path tmp;

    Run plan(Path specs) {
        return run("plan", "--env", "production", "--cloud", "sim", "--world", specs.resolve("world.yaml").toString(),
                "--specs", specs.toString());
    }

    Run apply(Path specs) {
        return run("apply", "--env", "production", "--cloud", "sim", "--world", specs.resolve("world.yaml").toString(),
                "--specs", specs.toString(), "--auto-approve", "--data-dir", tmp.resolve("data").toString());
    }

    /** The specs validate, apply, and the plan right after is in sync. */
    void assertValidAppliedThenInSync(Path specs) {
        Run validate = run("validate", specs.toString());
        assertEquals(ExitCodes.OK, validate.exit(), validate.err());
        Run applied = apply(specs);
        assertEquals(ExitCodes.OK, applied.exit(), applied.out() + applied.err());
        Run again = plan(specs);
        assertEquals(ExitCodes.OK, again.exit(), again.out());
    }

    @Test
    void serviceConnectLatticeManagedVolumesAndDumpedDefaultsAreInSyncOnceApplied() throws IOException {
        Path specs = exampleCopy(tmp.resolve("specs"));
        Path mailer = specs.resolve("services/mailer/service.yaml");
        replaceIn(mailer, "      containerDefinitions:\n", "      volumes: [{name: spool, configuredAtLaunch: true}]\n      containerDefinitions:\n");
        replaceIn(mailer, "          essential: true\n", "          essential: true\n          portMappings: [{containerPort: 8025, name: smtp}]\n"
                + "          mountPoints: [{sourceVolume: spool, containerPath: /var/spool}]\n");
        replaceIn(mailer, "    launchType: FARGATE\n", """
                    launchType: FARGATE
                    deploymentController: {type: ECS}
                    loadBalancers: []
                    serviceRegistries: []
                    deploymentConfiguration: {strategy: ROLLING, bakeTimeInMinutes: 0}
                    serviceConnectConfiguration:
                      enabled: true
                      namespace: svc.shop.local
                      services: [{portName: smtp, discoveryName: mailer, clientAliases: [{port: 25, dnsName: mailer}]}]
                    vpcLatticeConfigurations:
                      - {roleArn: "arn:aws:iam::222222222222:role/ecsInfrastructureRole", targetGroupArn: "arn:aws:vpc-lattice:eu-west-1:222222222222:targetgroup/tg-0a1b2c3d4e5f60001", portName: smtp}
                    volumeConfigurations:
                      - {name: spool, managedEBSVolume: {roleArn: "arn:aws:iam::222222222222:role/ecsInfrastructureRole", sizeInGiB: 20, volumeType: gp3}}
                """);
        assertValidAppliedThenInSync(specs);

        replaceIn(mailer, "clientAliases: [{port: 25, dnsName: mailer}]", "clientAliases: [{port: 2525, dnsName: mailer}]");
        Run changed = plan(specs);
        assertEquals(ExitCodes.CHANGES, changed.exit(), changed.out());
        assertTrue(changed.out().contains("serviceConnectConfiguration"), changed.out());
    }

    @Test
    void aDaemonRollingServiceIsCreatedAndThenInSync() throws IOException {
        Path specs = exampleCopy(tmp.resolve("specs"));
        Path mailer = specs.resolve("services/mailer/service.yaml");
        replaceIn(mailer, "      requiresCompatibilities: [FARGATE]\n", "      requiresCompatibilities: [EC2]\n");
        replaceIn(mailer, "    desiredCount: 1\n    launchType: FARGATE\n", "    launchType: EC2\n    schedulingStrategy: DAEMON\n");
        replaceIn(mailer, "      minimumHealthyPercent: 100\n      maximumPercent: 200\n", "      minimumHealthyPercent: 0\n      maximumPercent: 100\n");
        replaceIn(mailer, "      service:\n        desiredCount: 2\n", "");
        assertValidAppliedThenInSync(specs);
    }
}
