package io.turnout.diff;

import static io.turnout.testing.Yaml.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.live.LiveScaling;
import io.turnout.spec.AutoScaling;
import io.turnout.testing.AwsEcho;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NormalizerTest {

    /** Each row: what a spec writes, and what AWS describes for it; they must normalise to the same document. */
    static Stream<Arguments> taskDefinitionDefaults() {
        String c = "containerDefinitions: [{name: web, image: nginx";
        return Stream.of(
                row("AWS identity and bookkeeping fields are stripped",
                        "{family: web, " + c + "}]}",
                        "{family: web, taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/web:3', revision: 3,"
                                + " status: ACTIVE, requiresAttributes: [{name: x}], compatibilities: [EC2, FARGATE],"
                                + " registeredAt: '2026-01-01T00:00:00Z', registeredBy: me, networkMode: bridge,"
                                + " " + c + ", cpu: 0, essential: true}]}"),
                row("task definition tags are not compared",
                        "{family: web, tags: [{key: team, value: shop}], " + c + "}]}",
                        "{family: web, " + c + "}]}"),
                row("networkMode absent means bridge", "{family: web, " + c + "}]}",
                        "{family: web, networkMode: bridge, " + c + "}]}"),
                row("volumes and placementConstraints absent mean []", "{family: web, " + c + "}]}",
                        "{family: web, volumes: [], placementConstraints: [], " + c + "}]}"),
                row("task cpu/memory numbers equal AWS's strings", "{family: web, cpu: 256, memory: 512, " + c + "}]}",
                        "{family: web, cpu: '256', memory: '512', " + c + "}]}"),
                row("task cpu/memory units are converted like AWS does",
                        "{family: web, cpu: '0.25 vCPU', memory: '1 GB', " + c + "}]}",
                        "{family: web, cpu: '256', memory: '1024', " + c + "}]}"),
                row("container cpu 0 and essential true are defaults", "{family: web, " + c + "}]}",
                        "{family: web, " + c + ", cpu: 0, essential: true}]}"),
                row("container lists absent mean []", "{family: web, " + c + "}]}",
                        "{family: web, " + c + ", portMappings: [], environment: [], mountPoints: [], volumesFrom: [],"
                                + " systemControls: []}]}"),
                row("container memory as text equals the number", "{family: web, " + c + ", memory: '512'}]}",
                        "{family: web, " + c + ", memory: 512}]}"),
                row("environment variables in any order",
                        "{family: web, " + c + ", environment: [{name: A, value: '1'}, {name: B, value: '2'}]}]}",
                        "{family: web, " + c + ", environment: [{name: B, value: '2'}, {name: A, value: '1'}]}]}"),
                row("secrets in any order",
                        "{family: web, " + c + ", secrets: [{name: A, valueFrom: 'arn:a'}, {name: B, valueFrom: 'arn:b'}]}]}",
                        "{family: web, " + c + ", secrets: [{name: B, valueFrom: 'arn:b'}, {name: A, valueFrom: 'arn:a'}]}]}"),
                row("containers in any order",
                        "{family: web, containerDefinitions: [{name: a, image: x}, {name: b, image: y}]}",
                        "{family: web, containerDefinitions: [{name: b, image: y}, {name: a, image: x}]}"),
                row("port mapping protocol defaults to tcp",
                        "{family: web, " + c + ", portMappings: [{containerPort: 80}]}]}",
                        "{family: web, " + c + ", portMappings: [{containerPort: 80, protocol: tcp}]}]}"),
                row("awsvpc hostPort equals containerPort",
                        "{family: web, networkMode: awsvpc, " + c + ", portMappings: [{containerPort: 8080}]}]}",
                        "{family: web, networkMode: awsvpc, " + c + ", portMappings: [{containerPort: 8080, hostPort: 8080,"
                                + " protocol: tcp}]}]}"),
                row("nulls and empty lists the spec writes mean absent",
                        "{family: web, taskRoleArn: null, " + c + ", command: [], dockerLabels: {}}]}",
                        "{family: web, " + c + "}]}"),
                row("integral numbers compare by value", "{family: web, " + c + ", memory: 512}]}",
                        "{family: web, " + c + ", memory: 512.0}]}"),
                row("enableFaultInjection false is the default", "{family: web, " + c + "}]}",
                        "{family: web, enableFaultInjection: false, " + c + "}]}"),
                row("health check defaults: interval 30, timeout 5, retries 3",
                        "{family: web, " + c + ", healthCheck: {command: [CMD, true]}}]}",
                        "{family: web, " + c + ", healthCheck: {command: [CMD, true], interval: 30, timeout: 5, retries: 3}}]}"),
                row("the FireLens log router runs as user 0",
                        "{family: web, " + c + ", firelensConfiguration: {type: fluentbit}}]}",
                        "{family: web, " + c + ", firelensConfiguration: {type: fluentbit}, user: '0'}]}"),
                row("bridge mode: hostPort 0 is a dynamic port, as is no hostPort",
                        "{family: web, " + c + ", portMappings: [{containerPort: 80}]}]}",
                        "{family: web, " + c + ", portMappings: [{containerPort: 80, hostPort: 0, protocol: tcp}]}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskDefinitionDefaults")
    void taskDefinitionDefaultsGiveNoDiff(String why, String desired, String live) {
        assertEquals(List.of(), Differ.diff("taskDefinition", Normalizer.taskDefinition(node(live)),
                Normalizer.taskDefinition(node(desired))), why);
    }

    static Stream<Arguments> serviceDefaults() {
        return Stream.of(
                row("no launchType and no capacity providers means EC2", "{}", "{launchType: EC2}"),
                row("FARGATE reports platformVersion LATEST", "{launchType: FARGATE}",
                        "{launchType: FARGATE, platformVersion: LATEST}"),
                row("deploymentConfiguration defaults", "{launchType: EC2}",
                        "{launchType: EC2, deploymentConfiguration: {maximumPercent: 200, minimumHealthyPercent: 100,"
                                + " deploymentCircuitBreaker: {enable: false, rollback: false}}}"),
                row("partial deploymentConfiguration is completed",
                        "{deploymentConfiguration: {deploymentCircuitBreaker: {enable: true}}}",
                        "{deploymentConfiguration: {maximumPercent: 200, minimumHealthyPercent: 100,"
                                + " deploymentCircuitBreaker: {enable: true, rollback: false}}}"),
                row("empty alarms block is no alarms", "{}",
                        "{deploymentConfiguration: {alarms: {alarmNames: [], enable: false, rollback: false}}}"),
                row("schedulingStrategy REPLICA", "{}", "{schedulingStrategy: REPLICA}"),
                row("deployment strategy ROLLING", "{}", "{deploymentConfiguration: {strategy: ROLLING}}"),
                row("availabilityZoneRebalancing ENABLED", "{}", "{availabilityZoneRebalancing: ENABLED}"),
                row("enableECSManagedTags false", "{}", "{enableECSManagedTags: false}"),
                row("enableExecuteCommand false", "{}", "{enableExecuteCommand: false}"),
                row("propagateTags NONE", "{}", "{propagateTags: NONE}"),
                row("healthCheckGracePeriodSeconds 0", "{}", "{healthCheckGracePeriodSeconds: 0}"),
                row("placement lists []", "{}", "{placementConstraints: [], placementStrategy: []}"),
                row("assignPublicIp DISABLED",
                        "{networkConfiguration: {awsvpcConfiguration: {subnets: [s-1]}}}",
                        "{networkConfiguration: {awsvpcConfiguration: {subnets: [s-1], assignPublicIp: DISABLED}}}"),
                row("subnets and security groups in any order",
                        "{networkConfiguration: {awsvpcConfiguration: {subnets: [s-1, s-2], securityGroups: [g-1, g-2]}}}",
                        "{networkConfiguration: {awsvpcConfiguration: {subnets: [s-2, s-1], securityGroups: [g-2, g-1]}}}"),
                row("capacity provider base and weight default to 0",
                        "{capacityProviderStrategy: [{capacityProvider: FARGATE_SPOT}]}",
                        "{capacityProviderStrategy: [{capacityProvider: FARGATE_SPOT, base: 0, weight: 0}]}"),
                row("desiredCount, tags and fields AWS adds are not settings",
                        "{desiredCount: 3, tags: [{key: a, value: b}]}",
                        "{createdAt: x, roleArn: y, status: ACTIVE, deploymentController: {type: ECS}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceDefaults")
    void serviceDefaultsGiveNoDiff(String why, String desired, String live) {
        assertEquals(List.of(), Differ.diff("service", Normalizer.serviceSettings(node(live)),
                Normalizer.serviceSettings(node(desired))), why);
    }

    @org.junit.jupiter.api.Test
    void awsAnswerForAnUnchangedSpecGivesNoDiff() {
        String request = """
                family: web
                networkMode: awsvpc
                requiresCompatibilities: [FARGATE]
                cpu: 512
                memory: "1 GB"
                containerDefinitions:
                  - name: web
                    image: public.ecr.aws/nginx/nginx:1.27
                    portMappings: [{containerPort: 8080}]
                    environment: [{name: A, value: "1"}, {name: LOG_LEVEL, value: warn}]
                    secrets: [{name: DB, valueFrom: "arn:aws:ssm:eu-west-1:2:parameter/db"}, {name: KEY, valueFrom: k}]
                """;
        var live = AwsEcho.taskDefinition(node(request), "arn:aws:ecs:eu-west-1:2:task-definition/web:1", 1);
        assertEquals(List.of(), Differ.diff("taskDefinition", Normalizer.taskDefinition(live),
                Normalizer.taskDefinition(node(request))));
        String settings = "{desiredCount: 2, launchType: FARGATE, networkConfiguration: {awsvpcConfiguration:"
                + " {subnets: [a, b, c], securityGroups: [x, y]}}}";
        assertEquals(List.of(), Differ.diff("service", Normalizer.serviceSettings(AwsEcho.serviceSettings(node(settings))),
                Normalizer.serviceSettings(node(settings))));
    }

    @org.junit.jupiter.api.Test
    void realChangesStillShow() {
        var live = Normalizer.taskDefinition(node(
                "{family: web, containerDefinitions: [{name: web, image: a, portMappings: [{containerPort: 80, hostPort: 80}]}]}"));
        var desired = Normalizer.taskDefinition(node(
                "{family: web, containerDefinitions: [{name: web, image: b, portMappings: [{containerPort: 80}]}]}"));
        // bridge mode: hostPort left out means a dynamic port, not the container port
        assertEquals(List.of("taskDefinition/containerDefinitions[web]/image",
                        "taskDefinition/containerDefinitions[web]/portMappings[80]/hostPort"),
                Differ.diff("taskDefinition", live, desired).stream().map(Change::path).toList());
    }

    @org.junit.jupiter.api.Test
    void scalingPoliciesCompareWithAwsShape() {
        AutoScaling desired = new AutoScaling(2, 10, List.of(node("""
                PolicyName: cpu-60
                PolicyType: TargetTrackingScaling
                TargetTrackingScalingPolicyConfiguration:
                  TargetValue: 60
                  PredefinedMetricSpecification: {PredefinedMetricType: ECSServiceAverageCPUUtilization}
                """)));
        LiveScaling live = new LiveScaling(new ScalableTargetInfo("service/production/web--a", 2, 10),
                List.of(new ScalingPolicyInfo("cpu-60", "service/production/web--a", "TargetTrackingScaling", node(
                        "{TargetValue: 60.0, DisableScaleIn: false, PredefinedMetricSpecification:"
                                + " {PredefinedMetricType: ECSServiceAverageCPUUtilization}}"))));
        assertEquals(List.of(), Differ.diff("autoScaling", Normalizer.autoScaling(live.target(), live.policies()), Normalizer.autoScaling(desired)));
    }

    @org.junit.jupiter.api.Test
    void normalisingDoesNotModifyItsInput() {
        var input = node("{family: web, containerDefinitions: [{name: web, image: a}]}");
        var copy = input.deepCopy();
        Normalizer.taskDefinition(input);
        Normalizer.serviceSettings(input);
        assertEquals(copy, input);
    }

    private static Arguments row(String why, String desired, String live) {
        return Arguments.of(why, desired, live);
    }
}
