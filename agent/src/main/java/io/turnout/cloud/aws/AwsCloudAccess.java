package io.turnout.cloud.aws;

import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.HttpProbe;
import io.turnout.cloud.JavaHttpProbe;
import io.turnout.cloud.budget.BudgetedGateway;
import io.turnout.cloud.budget.WriteThrottle;
import io.turnout.spec.AwsTarget;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.time.Sleeper;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * AWS through the SDK: one gateway per environment and AWS target (account, region, role), kept
 * for the life of the agent so that its HTTP connections and assumed-role credentials are reused;
 * its mutating calls stay within the write budgets of its account and Region ({@link WriteThrottle}).
 * The account guard ({@code aws.accountId}) runs once when a gateway is created, before any read.
 */
public final class AwsCloudAccess implements CloudAccess {
    private final Map<String, String> environmentVariables;
    private final BiFunction<EnvironmentSpec, AwsCloudGateway, CloudGateway> wrapper;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final HttpProbe http;
    private final Map<String, Opened> gateways = new ConcurrentHashMap<>();
    private final Map<String, WriteThrottle> throttles = new ConcurrentHashMap<>();

    /** An SDK gateway (closed with this access) and the gateway handed out for it. */
    private record Opened(AwsCloudGateway sdk, CloudGateway used) {
    }

    public AwsCloudAccess(Map<String, String> environmentVariables) {
        this(environmentVariables, (environment, gateway) -> gateway, InstantSource.system(), Sleeper.real(), new JavaHttpProbe());
    }

    /**
     * Test seam for running the agent against an AWS emulator that runs no tasks and serves no
     * traffic: {@code wrapper} gets each SDK gateway once it passed the account guard and returns
     * the gateway the agent uses (one that also does what ECS and the load balancer would), and
     * {@code clock}, {@code sleeper} and {@code http} replace the wall clock, real sleeps and real
     * HTTP checks. The one-argument constructor passes the SDK gateway through unchanged.
     */
    public AwsCloudAccess(Map<String, String> environmentVariables, BiFunction<EnvironmentSpec, AwsCloudGateway, CloudGateway> wrapper,
                          InstantSource clock, Sleeper sleeper, HttpProbe http) {
        this.environmentVariables = Map.copyOf(environmentVariables);
        this.wrapper = wrapper;
        this.clock = clock;
        this.sleeper = sleeper;
        this.http = http;
    }

    @Override
    public CloudGateway gatewayFor(EnvironmentSpec environment) {
        String key = environment.name() + "|" + environment.aws();
        return gateways.computeIfAbsent(key, k -> {
            AwsCloudGateway gateway = AwsCloudGateway.forEnvironment(environment, environmentVariables);
            gateway.checkAccount(environment);
            return new Opened(gateway, new BudgetedGateway(wrapper.apply(environment, gateway), writeThrottle(environment)));
        }).used();
    }

    /**
     * The write budgets of the environment's account and Region, shared by every environment there (AWS
     * throttles per account and Region). The account is {@code aws.accountId}, else the role's account;
     * environments that name neither share the budgets of the default credentials in that Region.
     */
    private WriteThrottle writeThrottle(EnvironmentSpec environment) {
        AwsTarget target = environment.aws();
        String account = target.accountId().or(() -> target.roleArn().map(AwsCloudAccess::accountOf)).orElse("default credentials");
        return throttles.computeIfAbsent(account + "/" + target.region(),
                k -> WriteThrottle.awsDefaults(clock, sleeper));
    }

    /** The account id of an IAM role ARN ({@code arn:aws:iam::123456789012:role/x}). */
    private static String accountOf(String roleArn) {
        String[] parts = roleArn.split(":");
        return parts.length > 4 ? parts[4] : roleArn;
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public Sleeper sleeper() {
        return sleeper;
    }

    @Override
    public HttpProbe httpProbe() {
        return http;
    }

    @Override
    public void close() {
        gateways.values().forEach(o -> o.sdk().close());
        gateways.clear();
    }
}
