package io.turnout.cloud.aws;

import io.turnout.cloud.AutoScalingApi;
import io.turnout.cloud.CallStats;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CloudMapApi;
import io.turnout.cloud.CloudWatchApi;
import io.turnout.cloud.CodeDeployApi;
import io.turnout.cloud.EcsApi;
import io.turnout.cloud.ElbApi;
import io.turnout.cloud.Route53Api;
import io.turnout.cloud.aws.AwsSettings.Service;
import io.turnout.spec.EnvironmentSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The cloud gateway over the AWS SDK for Java v2, bound to one environment's region and
 * credentials. Close it to release the HTTP client and any assumed-role session refresher.
 *
 * <p>Every client shares one URL-connection HTTP client, the adaptive retry strategy (it
 * backs off and rate-limits itself when AWS throttles, so a burst of describes during a
 * reconcile does not fail) and the {@link CallCounter} that fills {@link #stats()}.
 */
public final class AwsCloudGateway implements CloudGateway, AutoCloseable {
    private final AwsSettings settings;
    private final CallStats stats = new CallStats();
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final StsClient sts;
    private final AwsEcs ecs;
    private final AwsElb elb;
    private final AwsRoute53 route53;
    private final AwsCloudMap cloudMap;
    private final AwsAutoScaling autoScaling;
    private final AwsCodeDeploy codeDeploy;
    private final AwsCloudWatch cloudWatch;

    /** A gateway with the given settings; the caller keeps ownership of {@code settings.credentials()}. */
    public AwsCloudGateway(AwsSettings settings) {
        this(settings, false);
    }

    private AwsCloudGateway(AwsSettings settings, boolean ownsBaseCredentials) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        owned.add(http);
        if (ownsBaseCredentials && settings.credentials() instanceof AutoCloseable c) owned.add(c);
        this.credentials = credentialsFor(settings);
        this.sts = client(StsClient.builder(), Service.STS);
        this.ecs = new AwsEcs(client(EcsClient.builder(), Service.ECS), calls(Service.ECS));
        this.elb = new AwsElb(client(ElasticLoadBalancingV2Client.builder(), Service.ELBV2), calls(Service.ELBV2));
        this.route53 = new AwsRoute53(client(Route53Client.builder(), Service.ROUTE53), calls(Service.ROUTE53));
        this.cloudMap = new AwsCloudMap(client(ServiceDiscoveryClient.builder(), Service.CLOUD_MAP),
                calls(Service.CLOUD_MAP));
        this.autoScaling = new AwsAutoScaling(client(ApplicationAutoScalingClient.builder(), Service.AUTO_SCALING),
                calls(Service.AUTO_SCALING));
        this.codeDeploy = new AwsCodeDeploy(client(CodeDeployClient.builder(), Service.CODEDEPLOY), calls(Service.CODEDEPLOY));
        this.cloudWatch = new AwsCloudWatch(client(CloudWatchClient.builder(), Service.CLOUDWATCH), calls(Service.CLOUDWATCH));
    }

    /**
     * The gateway for an environment: its region, the default credential chain, its role if it
     * has one (session name {@code turnout-<env>}), and the endpoint variables in
     * {@code environmentVariables} (normally {@code System.getenv()}).
     */
    public static AwsCloudGateway forEnvironment(EnvironmentSpec env, Map<String, String> environmentVariables) {
        return new AwsCloudGateway(AwsSettings.forEnvironment(env, environmentVariables), true);
    }

    /**
     * Role assumption: the base credentials call STS AssumeRole (through a client with the same
     * region, endpoint and retries) and the session is refreshed before it expires.
     */
    private AwsCredentialsProvider credentialsFor(AwsSettings s) {
        if (s.assumeRole().isEmpty()) return s.credentials();
        AwsSettings.AssumeRole role = s.assumeRole().get();
        StsClient baseSts = configure(StsClient.builder(), Service.STS, s.credentials()).build();
        owned.add(baseSts);
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(baseSts)
                .refreshRequest(r -> r.roleArn(role.roleArn()).roleSessionName(role.sessionName()))
                .build();
        owned.add(provider);
        return provider;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable> C client(
            B builder, Service service) {
        C client = configure(builder, service, credentials).build();
        owned.add(client);
        return client;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, Service service, AwsCredentialsProvider creds) {
        builder.region(settings.region())
                .credentialsProvider(creds)
                .httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(settings.retryMode())
                        .addExecutionInterceptor(new CallCounter(service.statsPrefix(), stats)));
        settings.endpointFor(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    private AwsCalls calls(Service service) {
        return new AwsCalls(service.statsPrefix(), settings.describeEndpoint(service));
    }

    @Override
    public EcsApi ecs() {
        return ecs;
    }

    @Override
    public ElbApi elb() {
        return elb;
    }

    @Override
    public Route53Api route53() {
        return route53;
    }

    @Override
    public CloudMapApi cloudMap() {
        return cloudMap;
    }

    @Override
    public AutoScalingApi autoScaling() {
        return autoScaling;
    }

    @Override
    public CodeDeployApi codeDeploy() {
        return codeDeploy;
    }

    @Override
    public CloudWatchApi cloudWatch() {
        return cloudWatch;
    }

    @Override
    public CallStats stats() {
        return stats;
    }

    public AwsSettings settings() {
        return settings;
    }

    /** STS GetCallerIdentity: the account the gateway's credentials (after role assumption) act in. */
    public String callerAccount() {
        return calls(Service.STS).run("GetCallerIdentity", "caller identity",
                () -> sts.getCallerIdentity().account());
    }

    /**
     * The account guard: when the environment names an {@code accountId}, refuse to go on
     * unless the credentials act in that account. Call it before any change; it changes nothing.
     *
     * @throws CloudException ACCESS_DENIED with error code {@code AccountMismatch} naming both accounts
     */
    public void checkAccount(EnvironmentSpec env) {
        Optional<String> expected = env.aws().accountId();
        if (expected.isEmpty()) return;
        GetCallerIdentityResponse who = calls(Service.STS).run("GetCallerIdentity", "caller identity",
                sts::getCallerIdentity);
        if (!expected.get().equals(who.account())) {
            throw new CloudException(CloudException.Kind.ACCESS_DENIED, "AccountMismatch", "sts:GetCallerIdentity", 0,
                    "environment '" + env.name() + "' is AWS account " + expected.get()
                            + " but the credentials act in account " + who.account() + " (" + who.arn() + ")."
                            + " Nothing was changed. Use credentials for account " + expected.get()
                            + (env.aws().roleArn().isPresent() ? "" : " or set aws.roleArn to a role in it")
                            + ", or correct aws.accountId in the environment spec.");
        }
    }

    /** Closes the SDK clients, the STS session refresher and the HTTP client. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable c : owned.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) first = new IllegalStateException("closing " + c.getClass().getSimpleName() + " failed", e);
            }
        }
        owned.clear();
        if (first != null) throw first;
    }
}
