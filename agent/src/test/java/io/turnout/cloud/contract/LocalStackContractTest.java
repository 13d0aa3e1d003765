package io.turnout.cloud.contract;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.aws.AwsCloudGateway;
import io.turnout.cloud.aws.AwsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The gateway contract against LocalStack in a container (Testcontainers). ECS, ELBv2 and Cloud
 * Map are LocalStack Pro services, so it runs the Pro image and needs {@code LOCALSTACK_AUTH_TOKEN};
 * it also needs a Docker engine. Without either every test is reported as skipped (not failed)
 * and no container is touched: the token is checked first because it costs nothing, Docker only
 * then (Testcontainers' discovery takes a moment and is only loaded when a token is set).
 *
 * <p>{@code TURNOUT_IT_LOCALSTACK_IMAGE} picks another image (default {@value #DEFAULT_IMAGE}).
 */
@ExtendWith(LocalStackContractTest.LocalStackAvailable.class)
class LocalStackContractTest extends CloudGatewayContract {
    static final String DEFAULT_IMAGE = "localstack/localstack-pro:4.4";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);
    private static LocalStackContainer localStack;
    private static AwsCloudGateway gateway;
    private static SdkInfrastructure infrastructure;

    @BeforeAll
    static void start() {
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        String image = System.getenv().getOrDefault("TURNOUT_IT_LOCALSTACK_IMAGE", DEFAULT_IMAGE);
        localStack = new LocalStackContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("localstack/localstack"))
                .withEnv("LOCALSTACK_AUTH_TOKEN", token);
        localStack.start();
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey()));
        gateway = new AwsCloudGateway(AwsSettings.of(Region.EU_WEST_1, credentials)
                .withEndpointOverride(localStack.getEndpoint()));
        infrastructure = new SdkInfrastructure(localStack.getEndpoint(), Region.EU_WEST_1, credentials);
    }

    /** Disables the class (every test reported skipped, with the reason) without a token or a Docker engine. */
    static final class LocalStackAvailable implements ExecutionCondition {
        private static ConditionEvaluationResult verdict;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (verdict == null) verdict = check();
            return verdict;
        }

        private static ConditionEvaluationResult check() {
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token == null || token.isBlank()) {
                return ConditionEvaluationResult.disabled(
                        "LOCALSTACK_AUTH_TOKEN is not set: ECS, ELBv2 and Cloud Map need LocalStack Pro");
            }
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.disabled("no Docker engine reachable: LocalStack runs in a container");
            }
            return ConditionEvaluationResult.enabled("LocalStack Pro token and Docker engine present");
        }
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
        if (infrastructure != null) infrastructure.close();
        if (localStack != null) localStack.stop();
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
