package io.turnout.cloud.aws;

import io.turnout.spec.EnvironmentSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/**
 * How to reach AWS for one environment.
 *
 * @param region           the environment's region
 * @param endpointOverride one endpoint for every service (an emulator such as moto or LocalStack)
 * @param serviceEndpoints per-service endpoints; they win over {@code endpointOverride}
 * @param credentials      the base credentials (default provider chain in production)
 * @param assumeRole       a role to assume with the base credentials before any call
 * @param retryMode        the SDK retry strategy; {@link RetryMode#ADAPTIVE_V2} in production,
 *                         which adds client-side rate limiting when AWS throttles
 */
public record AwsSettings(Region region, Optional<URI> endpointOverride, Map<Service, URI> serviceEndpoints,
                          AwsCredentialsProvider credentials, Optional<AssumeRole> assumeRole, RetryMode retryMode) {

    /**
     * The services Turnout calls, with the suffix of the {@code AWS_ENDPOINT_URL_<SERVICE>}
     * variable the AWS SDKs define for each (derived from the service id: upper case, spaces
     * to underscores, so Route 53 is {@code ROUTE_53}).
     */
    public enum Service {
        ECS("ecs", "ECS"),
        ELBV2("elbv2", "ELASTIC_LOAD_BALANCING_V2"),
        ROUTE53("route53", "ROUTE_53"),
        CLOUD_MAP("servicediscovery", "SERVICEDISCOVERY"),
        AUTO_SCALING("application-autoscaling", "APPLICATION_AUTO_SCALING"),
        CODEDEPLOY("codedeploy", "CODEDEPLOY"),
        CLOUDWATCH("cloudwatch", "CLOUDWATCH"),
        STS("sts", "STS");

        private final String statsPrefix;
        private final String envSuffix;

        Service(String statsPrefix, String envSuffix) {
            this.statsPrefix = statsPrefix;
            this.envSuffix = envSuffix;
        }

        /** The prefix of this service's operations in {@link io.turnout.cloud.CallStats}. */
        public String statsPrefix() {
            return statsPrefix;
        }

        /** {@code AWS_ENDPOINT_URL_<suffix>}. */
        public String endpointVariable() {
            return "AWS_ENDPOINT_URL_" + envSuffix;
        }
    }

    /** STS AssumeRole before any call; {@code sessionName} shows in CloudTrail as who acted. */
    public record AssumeRole(String roleArn, String sessionName) {
        public AssumeRole {
            Objects.requireNonNull(roleArn, "roleArn");
            Objects.requireNonNull(sessionName, "sessionName");
        }
    }

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        serviceEndpoints = serviceEndpoints.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(serviceEndpoints));
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(assumeRole, "assumeRole");
        Objects.requireNonNull(retryMode, "retryMode");
    }

    /** Production defaults for a region: default credential chain, no overrides, no role, adaptive retries. */
    public static AwsSettings of(Region region, AwsCredentialsProvider credentials) {
        return new AwsSettings(region, Optional.empty(), Map.of(), credentials, Optional.empty(), RetryMode.ADAPTIVE_V2);
    }

    /**
     * The settings for an environment spec: its region, its role (session {@code turnout-<env>}),
     * the default credential chain, adaptive retries, and the endpoint variables
     * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>} from {@code variables}.
     *
     * <p>The SDK (2.40) reads those variables from the process environment by itself; reading
     * them here as well makes the choice explicit, testable, and independent of where the map
     * came from. As in the SDK, {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true} turns them off.
     *
     * <p>Base credentials: {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (with
     * {@code AWS_SESSION_TOKEN}, if set) from {@code variables} when both are there, else the
     * SDK's default provider chain. For the process environment that is the chain's own answer
     * (it reads the same variables), except that the {@code aws.accessKeyId} system properties,
     * which the chain would read first, do not win over them.
     *
     * @throws IllegalArgumentException when an endpoint variable is not an absolute URL
     */
    public static AwsSettings forEnvironment(EnvironmentSpec env, Map<String, String> variables) {
        Region region = Region.of(env.aws().region());
        Optional<AssumeRole> role = env.aws().roleArn().map(arn -> new AssumeRole(arn, "turnout-" + env.name()));
        boolean ignoreEndpoints = "true".equalsIgnoreCase(variables.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ""));
        Optional<URI> global = Optional.empty();
        Map<Service, URI> perService = new EnumMap<>(Service.class);
        if (!ignoreEndpoints) {
            global = endpoint(variables, "AWS_ENDPOINT_URL");
            for (Service s : Service.values()) {
                endpoint(variables, s.endpointVariable()).ifPresent(uri -> perService.put(s, uri));
            }
        }
        return new AwsSettings(region, global, perService, credentials(variables), role, RetryMode.ADAPTIVE_V2);
    }

    private static AwsCredentialsProvider credentials(Map<String, String> variables) {
        String key = variables.get("AWS_ACCESS_KEY_ID");
        String secret = variables.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = variables.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null || token.isBlank()
                ? AwsBasicCredentials.create(key.trim(), secret.trim())
                : AwsSessionCredentials.create(key.trim(), secret.trim(), token.trim()));
    }

    /** The endpoint to use for {@code service}, if overridden: its own first, then the global one. */
    public Optional<URI> endpointFor(Service service) {
        URI own = serviceEndpoints.get(service);
        return own != null ? Optional.of(own) : endpointOverride;
    }

    /** How to name the endpoint of {@code service} in error messages. */
    String describeEndpoint(Service service) {
        return endpointFor(service).map(URI::toString)
                .orElse("the AWS " + service.statsPrefix() + " endpoint in " + region.id());
    }

    public AwsSettings withEndpointOverride(URI endpoint) {
        return new AwsSettings(region, Optional.of(endpoint), serviceEndpoints, credentials, assumeRole, retryMode);
    }

    public AwsSettings withAssumeRole(AssumeRole role) {
        return new AwsSettings(region, endpointOverride, serviceEndpoints, credentials, Optional.of(role), retryMode);
    }

    public AwsSettings withRetryMode(RetryMode mode) {
        return new AwsSettings(region, endpointOverride, serviceEndpoints, credentials, assumeRole, mode);
    }

    private static Optional<URI> endpoint(Map<String, String> variables, String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            URI uri = new URI(value.trim());
            if (!uri.isAbsolute() || uri.getHost() == null) throw new URISyntaxException(value, "no scheme or host");
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not an endpoint URL; set it to e.g. "
                    + "http://localhost:5000 or unset it to use AWS's own endpoints.", e);
        }
    }
}
