package io.turnout.testing;

import io.turnout.spec.AutoScaling;
import io.turnout.spec.AwsTarget;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.DeploymentPolicy;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.ListenerRule;
import io.turnout.spec.Rolling;
import io.turnout.spec.SlotPair;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.Strategy;
import io.turnout.spec.SyncPolicy;
import io.turnout.spec.Verification;
import io.turnout.spec.WeightStep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Effective services and an environment built in Java, for unit tests that need no spec files. */
public final class SpecFixtures {
    private SpecFixtures() {}

    public static EnvironmentSpec production() {
        return new EnvironmentSpec("production", SourceLocation.of("environments/production.yaml"),
                new AwsTarget("eu-west-1", Optional.of("222222222222"), Optional.empty()), "production",
                SyncPolicy.DEFAULT, DeploymentPolicy.DEFAULT);
    }

    public static ElbTraffic elb(String service, boolean rules) {
        return new ElbTraffic("shop-alb", 443, 8443,
                rules ? Optional.of(new ListenerRule(10)) : Optional.empty(),
                rules ? Optional.of(new ListenerRule(10)) : Optional.empty(),
                new SlotPair<>(service + "-a", service + "-b"), service, 8080);
    }

    public static AutoScaling scaling(int min, int max) {
        return new AutoScaling(min, max, List.of(Yaml.node("""
                PolicyName: cpu-60
                PolicyType: TargetTrackingScaling
                TargetTrackingScalingPolicyConfiguration:
                  TargetValue: 60
                  PredefinedMetricSpecification: {PredefinedMetricType: ECSServiceAverageCPUUtilization}
                """)));
    }

    public static String taskDefinition(String family, String image) {
        return "{family: " + family + ", networkMode: awsvpc, requiresCompatibilities: [FARGATE], cpu: '256',"
                + " memory: '512', containerDefinitions: [{name: " + family + ", image: '" + image + "',"
                + " portMappings: [{containerPort: 8080}], environment: [{name: LOG_LEVEL, value: info}]}]}";
    }

    public static final String SETTINGS = "{desiredCount: 2, launchType: FARGATE, networkConfiguration:"
            + " {awsvpcConfiguration: {subnets: [s-1, s-2], securityGroups: [g-1]}}}";

    public static EffectiveService service(String name, String taskDefinition, String settings, Strategy strategy) {
        return new EffectiveService(name, "production", SourceLocation.of("services/" + name + "/service.yaml"),
                Yaml.node(taskDefinition), Yaml.node(settings), strategy);
    }

    public static EffectiveService elbService(String name, String image, Optional<AutoScaling> scaling) {
        return service(name, taskDefinition(name, image), SETTINGS,
                new BlueGreen(elb(name, false), Optional.of(Verification.DEFAULT), scaling));
    }

    public static EffectiveService dnsService(String name, String image) {
        DnsTraffic dns = new DnsTraffic("internal.shop.example.", name + ".internal.shop.example", 30,
                "svc.shop.local", new SlotPair<>(name + "-a", name + "-b"),
                List.of(new WeightStep(10, Duration.ofMinutes(2)), new WeightStep(100, Duration.ZERO)));
        return service(name, taskDefinition(name, image), SETTINGS,
                new BlueGreen(dns, Optional.of(Verification.DEFAULT), Optional.empty()));
    }

    public static EffectiveService rollingService(String name, String image) {
        return service(name, taskDefinition(name, image), SETTINGS,
                new Rolling(true, true, Optional.empty(), Optional.empty()));
    }
}
