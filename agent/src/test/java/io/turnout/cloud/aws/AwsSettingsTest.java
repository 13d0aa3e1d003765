package io.turnout.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.aws.AwsSettings.Service;
import io.turnout.spec.AwsTarget;
import io.turnout.spec.EnvironmentSpec;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

class AwsSettingsTest {
    static EnvironmentSpec env(String name, String region, String account, String role) {
        return new EnvironmentSpec(name, null, new AwsTarget(region, Optional.ofNullable(account), Optional.ofNullable(role)),
                name, null, null);
    }

    @Test
    void productionDefaultsComeFromTheEnvironmentSpec() {
        AwsSettings s = AwsSettings.forEnvironment(
                env("production", "eu-west-1", "222222222222", "arn:aws:iam::222222222222:role/turnout-deployer"), Map.of());
        assertEquals(Region.EU_WEST_1, s.region());
        assertEquals(Optional.empty(), s.endpointOverride());
        assertEquals(Map.of(), s.serviceEndpoints());
        assertInstanceOf(DefaultCredentialsProvider.class, s.credentials());
        assertEquals(RetryMode.ADAPTIVE_V2, s.retryMode());
        assertEquals(Optional.of(new AwsSettings.AssumeRole("arn:aws:iam::222222222222:role/turnout-deployer",
                "turnout-production")), s.assumeRole());
        assertEquals("the AWS ecs endpoint in eu-west-1", s.describeEndpoint(Service.ECS));
    }

    @Test
    void keysInTheVariablesAreTheBaseCredentials() {
        var basic = AwsSettings.forEnvironment(env("staging", "eu-west-1", null, null), Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret")).credentials().resolveCredentials();
        assertEquals("AKIDEXAMPLE", basic.accessKeyId());
        assertEquals("secret", basic.secretAccessKey());
        var session = AwsSettings.forEnvironment(env("staging", "eu-west-1", null, null), Map.of(
                "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token"))
                .credentials().resolveCredentials();
        assertEquals("token", ((software.amazon.awssdk.auth.credentials.AwsSessionCredentials) session).sessionToken());
        // a key without its secret is not credentials: the default chain decides
        assertInstanceOf(DefaultCredentialsProvider.class, AwsSettings.forEnvironment(env("staging", "eu-west-1", null, null),
                Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")).credentials());
    }

    @Test
    void endpointVariablesAsTheAwsSdksDefineThem() {
        AwsSettings s = AwsSettings.forEnvironment(env("staging", "eu-west-1", null, null), Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5055",
                "AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:6000",
                "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://127.0.0.1:7000/"));
        assertEquals(Optional.empty(), s.assumeRole());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:5055")), s.endpointFor(Service.ECS));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:5055")), s.endpointFor(Service.STS));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:6000")), s.endpointFor(Service.ROUTE53));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:7000/")), s.endpointFor(Service.ELBV2));
        assertEquals("http://127.0.0.1:6000", s.describeEndpoint(Service.ROUTE53));
    }

    @Test
    void serviceVariableNamesMatchTheSdk() {
        // The names the SDK 2.40 client builders read themselves (from their service ids).
        assertEquals("AWS_ENDPOINT_URL_ECS", Service.ECS.endpointVariable());
        assertEquals("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", Service.ELBV2.endpointVariable());
        assertEquals("AWS_ENDPOINT_URL_ROUTE_53", Service.ROUTE53.endpointVariable());
        assertEquals("AWS_ENDPOINT_URL_SERVICEDISCOVERY", Service.CLOUD_MAP.endpointVariable());
        assertEquals("AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING", Service.AUTO_SCALING.endpointVariable());
        assertEquals("AWS_ENDPOINT_URL_STS", Service.STS.endpointVariable());
    }

    @Test
    void ignoreConfiguredEndpointsTurnsThemOff() {
        AwsSettings s = AwsSettings.forEnvironment(env("staging", "eu-west-1", null, null), Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5055", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
        assertEquals(Optional.empty(), s.endpointFor(Service.ECS));
    }

    @Test
    void aBadEndpointSaysWhichVariableAndWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AwsSettings.forEnvironment(
                env("staging", "eu-west-1", null, null), Map.of("AWS_ENDPOINT_URL_ECS", "localhost:5055")));
        assertTrue(e.getMessage().startsWith("AWS_ENDPOINT_URL_ECS=localhost:5055 is not an endpoint URL"), e.getMessage());
    }

    @Test
    void gatewayBuildsAndClosesWithoutCallingAws() {
        try (AwsCloudGateway gateway = AwsCloudGateway.forEnvironment(
                env("production", "eu-west-1", "222222222222", "arn:aws:iam::222222222222:role/turnout-deployer"),
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5055"))) {
            assertEquals(0, gateway.stats().total());
            assertEquals(Region.EU_WEST_1, gateway.settings().region());
        }
    }
}
