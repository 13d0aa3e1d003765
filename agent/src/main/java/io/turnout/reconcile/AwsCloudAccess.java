package io.turnout.reconcile;

import io.turnout.apply.HttpProbe;
import io.turnout.apply.JavaHttpProbe;
import io.turnout.apply.Sleeper;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.aws.AwsCloudGateway;
import io.turnout.spec.EnvironmentSpec;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS through the SDK: one gateway per environment and AWS target (account, region, role), kept
 * for the life of the agent so that its HTTP connections and assumed-role credentials are reused.
 * The account guard ({@code aws.accountId}) runs once when a gateway is created, before any read.
 */
public final class AwsCloudAccess implements CloudAccess {
    private final Map<String, String> environmentVariables;
    private final Map<String, AwsCloudGateway> gateways = new ConcurrentHashMap<>();
    private final HttpProbe http = new JavaHttpProbe();

    public AwsCloudAccess(Map<String, String> environmentVariables) {
        this.environmentVariables = Map.copyOf(environmentVariables);
    }

    @Override
    public CloudGateway gatewayFor(EnvironmentSpec environment) {
        String key = environment.name() + "|" + environment.aws();
        return gateways.computeIfAbsent(key, k -> {
            AwsCloudGateway gateway = AwsCloudGateway.forEnvironment(environment, environmentVariables);
            gateway.checkAccount(environment);
            return gateway;
        });
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }

    @Override
    public Sleeper sleeper() {
        return Sleeper.real();
    }

    @Override
    public HttpProbe httpProbe() {
        return http;
    }

    @Override
    public void close() {
        gateways.values().forEach(AwsCloudGateway::close);
        gateways.clear();
    }
}
