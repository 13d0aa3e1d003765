package io.turnout.cloud.contract;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.aws.AwsCloudGateway;
import io.turnout.cloud.aws.AwsSettings;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The gateway contract against the AWS-compatible endpoint named by
 * {@code TURNOUT_IT_AWS_ENDPOINT} (an emulator, with dummy credentials); skipped when it is
 * unset (each test reported as skipped, not failed). Endpoint-only checks (account guard, pagination) stay
 * in {@code AwsGatewayAgainstEndpointTest}.
 */
@EnabledIfEnvironmentVariable(named = "TURNOUT_IT_AWS_ENDPOINT", matches = ".+")
class EndpointContractTest extends CloudGatewayContract {
    private static final String RUN = Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);
    private static AwsCloudGateway gateway;
    private static SdkInfrastructure infrastructure;

    @BeforeAll
    static void connect() {
        String endpoint = System.getenv("TURNOUT_IT_AWS_ENDPOINT");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        gateway = new AwsCloudGateway(AwsSettings.of(Region.EU_WEST_1, credentials).withEndpointOverride(URI.create(endpoint)));
        infrastructure = new SdkInfrastructure(URI.create(endpoint), Region.EU_WEST_1, credentials);
    }

    @AfterAll
    static void disconnect() {
        if (gateway != null) gateway.close();
        if (infrastructure != null) infrastructure.close();
    }

    @Override
    CloudGateway gateway() {
        return gateway;
    }

    @Override
    Infrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    String run() {
        return RUN;
    }

    @Override
    boolean isAws() {
        return false;
    }
}
