package io.turnout.cloud.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cli.TurnoutCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code turnout plan --env production --cloud aws} end to end against the AWS-compatible
 * endpoint named by {@code TURNOUT_IT_AWS_ENDPOINT} (skipped when it is unset): the CLI as a user
 * runs it, with the endpoint and dummy credentials in the environment it reads.
 *
 * <p>Each test plans a copy of {@code specs-example} whose production environment is a fresh
 * account (so a long-lived emulator's state from other runs does not matter): the environment's
 * {@code roleArn} names a role in it, and the emulator (moto) answers AssumeRole with credentials
 * that act in that account, so the account guard passes and every read lands there.
 */
@EnabledIfEnvironmentVariable(named = "TURNOUT_IT_AWS_ENDPOINT", matches = ".+")
class PlanAgainstEndpointTest {
    private static final Path EXAMPLE = Path.of("..", "specs-example").toAbsolutePath().normalize();
    private static final String EXAMPLE_ACCOUNT = "222222222222";

    @TempDir
    Path specs;

    private final String endpoint = System.getenv("TURNOUT_IT_AWS_ENDPOINT");
    private final String account = "7" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));

    record Run(int exit, String out, String err) {}

    /** The example specs with production moved to this test's own account. */
    private void copyExample() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path from : files.toList()) {
                Path to = specs.resolve(EXAMPLE.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path production = specs.resolve("environments/production.yaml");
        Files.writeString(production, Files.readString(production).replace(EXAMPLE_ACCOUNT, account));
    }

    private Run plan() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", endpoint,
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");
        int exit = TurnoutCommand.commandLine(new PrintWriter(out), new PrintWriter(err), environment)
                .execute("plan", "--env", "production", "--cloud", "aws", "--specs", specs.toString());
        return new Run(exit, out.toString(), err.toString());
    }

    private static int occurrences(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void anEmptyAccountNamesEachMissingResourceOnce() throws IOException {
        copyExample();
        Run run = plan();
        String all = run.out() + run.err();
        assertEquals(1, run.exit(), all);
        for (String missing : new String[] {"cluster production", "load balancer shop-alb",
                "hosted zone internal.shop.example.", "Cloud Map namespace svc.shop.local"}) {
            assertEquals(1, occurrences(all, missing + " not found"), missing + " named once in:\n" + all);
        }
    }

    @Test
    void theExampleInfrastructureGivesABootstrapPlanForEveryService() throws IOException {
        copyExample();
        try (SdkInfrastructure infra = new SdkInfrastructure(URI.create(endpoint), Region.EU_WEST_1, roleCredentials())) {
            // what specs-example/world.yaml sets up for production (HTTP listeners: the emulator
            // needs no certificate, and plan does not look at the protocol)
            infra.cluster("production");
            infra.targetGroup("web-a", 8080);
            infra.targetGroup("web-b", 8080);
            infra.targetGroup("api-a", 9000);
            infra.targetGroup("api-b", 9000);
            infra.loadBalancer("shop-alb");
            infra.listener("shop-alb", 443, "web-a");
            infra.listener("shop-alb", 8443, "web-b");
            infra.rule("shop-alb", 443, 10, "/api/*", "api-a");
            infra.rule("shop-alb", 8443, 10, "/api/*", "api-b");
            infra.privateZone("internal.shop.example.");
            infra.namespace("svc.shop.local");
            infra.cloudMapService("svc.shop.local", "catalog-a");
            infra.cloudMapService("svc.shop.local", "catalog-b");
        }
        Run run = plan();
        String all = run.out() + run.err();
        assertEquals(2, run.exit(), all);
        assertTrue(run.err().isBlank(), run.err());
        for (String service : new String[] {"web", "api", "catalog", "mailer"}) {
            assertTrue(run.out().contains(service + ": bootstrap"), service + " bootstrapped in:\n" + run.out());
        }
    }

    /** Credentials acting in this test's account: AssumeRole of the environment's role, as the gateway does. */
    private StaticCredentialsProvider roleCredentials() {
        try (StsClient sts = StsClient.builder().region(Region.EU_WEST_1).endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/turnout-deployer")
                    .roleSessionName("turnout-it-infrastructure")).credentials();
            return StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        }
    }
}
