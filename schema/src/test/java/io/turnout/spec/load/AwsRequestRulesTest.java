package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.SpecProblem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What ECS refuses at RegisterTaskDefinition or CreateService, {@code validate} refuses first,
 * at the line to change, with ECS's wording where it has one (issue 11, item 3).
 */
class AwsRequestRulesTest {
    static final String TD = Workers.TASK_DEFINITION;
    static final String SPEC = Workers.SPEC;
    static final String CONTAINER = "{\"name\": \"worker\", \"image\": \"public.ecr.aws/docker/library/busybox:1.36\", ";

    static MemorySpecFiles container(String extra) {
        return Workers.taskDefinition(CONTAINER, CONTAINER + extra);
    }

    /** name, repository, expected file:line:col, text the problem contains. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("awsvpc host port differs", Workers.taskDefinition("{\"containerPort\": 8080, ", "{\"containerPort\": 8080, \"hostPort\": 80, "),
                        TD + ":8:132", "When networkMode=awsvpc, the host ports and container ports in port mappings must match"),
                Arguments.of("mount point names no volume", container("\"mountPoints\": [{\"sourceVolume\": \"data\", \"containerPath\": \"/d\"}], "),
                        TD + ":8:112", "Unknown volume 'data'"),
                Arguments.of("proxy names no container", Workers.taskDefinition("\"cpu\": \"256\",", "\"cpu\": \"256\", \"proxyConfiguration\": {\"type\": \"APPMESH\", \"containerName\": \"envoy\"},"),
                        TD + ":5:76", "proxyConfiguration.containerName 'envoy' is not a container of the task"),
                Arguments.of("image with a space", Workers.taskDefinition("busybox:1.36", "busybox 1.36"),
                        TD + ":8:33", "'public.ecr.aws/docker/library/busybox 1.36' is not valid: the image"),
                Arguments.of("image over 255 characters", Workers.taskDefinition("busybox:1.36", "busybox:" + "x".repeat(250)),
                        TD + ":8:33", "is not valid: the image"),
                Arguments.of("two containers of one name", Workers.taskDefinition("\n  ]", ",\n    " + CONTAINER + "\"essential\": false}\n  ]"),
                        TD + ":9:14", "container name 'worker' is used twice"),
                Arguments.of("no essential container", container("\"essential\": false, "),
                        TD + ":7:27", "Task definition doesn't have any essential container"),
                Arguments.of("dependency on an essential container that must exit", container("\"dependsOn\": [{\"containerName\": \"worker\", \"condition\": \"SUCCESS\"}], "),
                        TD + ":8:134", "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container"),
                Arguments.of("dependency on no container", container("\"dependsOn\": [{\"containerName\": \"db\", \"condition\": \"START\"}], "),
                        TD + ":8:111", "container 'worker' depends on 'db', which is not a container of the task"),
                Arguments.of("links in awsvpc", container("\"links\": [\"db\"], "), TD + ":8:89", "links are not supported when networkMode=awsvpc"),
                Arguments.of("Fargate without awsvpc", Workers.taskDefinition("\"networkMode\": \"awsvpc\"", "\"networkMode\": \"bridge\""),
                        TD + ":3:18", "Fargate only supports network mode 'awsvpc'"),
                Arguments.of("Fargate cpu and memory that do not go together", Workers.taskDefinition("\"memory\": \"512\"", "\"memory\": \"4 GB\""),
                        TD + ":6:13", "No Fargate configuration exists for given values: cpu 256 with memory 4096 MiB"),
                Arguments.of("Fargate without task memory", Workers.taskDefinition("\"memory\": \"512\",", ""),
                        TD + ":1:1", "Fargate requires that 'memory' be defined at the task level"),
                Arguments.of("Fargate with a host path", Workers.taskDefinition("\"cpu\": \"256\",", "\"cpu\": \"256\", \"volumes\": [{\"name\": \"v\", \"host\": {\"sourcePath\": \"/var\"}}],"),
                        TD + ":5:66", "Fargate compatible task definitions do not support sourcePath"),
                Arguments.of("EC2 container without memory", Workers.repo("""
                                {"family": "worker", "containerDefinitions": [{"name": "worker", "image": "busybox"}]}
                                """, "    desiredCount: 1\n"),
                        TD + ":1:47", "Invalid setting for container 'worker'. At least one of 'memory' or 'memoryReservation' must be specified"),
                Arguments.of("awsvpc without a network configuration", Workers.repo(Workers.FARGATE_TASK_DEFINITION, "    desiredCount: 1\n    launchType: FARGATE\n"),
                        SPEC + ":9:5", "Network Configuration must be provided when networkMode 'awsvpc' is specified"),
                Arguments.of("network configuration without awsvpc", Workers.repo("""
                                {"family": "worker", "containerDefinitions": [{"name": "worker", "image": "busybox", "memory": 64}]}
                                """, Workers.FARGATE_SETTINGS.replace("    launchType: FARGATE\n", "")),
                        SPEC + ":11:7", "Network Configuration is not valid for the given networkMode of this task definition (bridge)"),
                Arguments.of("launch type and capacity providers", Workers.settings("    capacityProviderStrategy: [{capacityProvider: FARGATE_SPOT}]\n"),
                        SPEC + ":14:31", "Specifying both a launchType and capacityProviderStrategy is not supported"),
                Arguments.of("task definition tags over 50 with Turnout's",
                        Workers.taskDefinition("\"cpu\": \"256\",", "\"cpu\": \"256\", \"tags\": " + tags(49) + ","),
                        TD + ":5:25", "the task definition would carry 51 tags, more than AWS's 50 per resource: 49 here and Turnout's 2"),
                Arguments.of("service tags over 50 with Turnout's", Workers.settings("    tags: " + tags(46).replace("\"", "") + "\n"),
                        SPEC + ":14:11", "the ECS service would carry 51 tags, more than AWS's 50 per resource: 46 here and Turnout's 5"),
                Arguments.of("canary tags over 50 with Turnout's", Workers.repo(Workers.FARGATE_TASK_DEFINITION,
                                Workers.FARGATE_SETTINGS + "    tags: " + tags(45).replace("\"", "") + "\n", "rolling: {canary: {tasks: 1, bakeTime: 5m}}"),
                        SPEC + ":14:11", "the ECS service would carry 51 tags, more than AWS's 50 per resource: 45 here and Turnout's 6"),
                Arguments.of("ECS's own blue/green", Workers.settings("    deploymentConfiguration: {strategy: BLUE_GREEN, bakeTimeInMinutes: 5}\n"),
                        SPEC + ":14:41", "deploymentConfiguration.strategy BLUE_GREEN selects ECS's own deployment engine, but spec.strategy.rolling deploys with ECS's rolling update"),
                Arguments.of("lifecycle hooks under rolling", Workers.settings("    deploymentConfiguration: {lifecycleHooks: [{hookTargetArn: arn, roleArn: arn, lifecycleStages: [POST_SCALE_UP]}]}\n"),
                        SPEC + ":14:47", "deploymentConfiguration.lifecycleHooks belongs to ECS's BLUE_GREEN, LINEAR and CANARY deployments"),
                Arguments.of("daemon with a desired count", daemon("    desiredCount: 2\n"), SPEC + ":11:19", "The daemon scheduling strategy does not support a desired count for services"),
                Arguments.of("daemon with a placement strategy", daemon("    placementStrategy: [{type: spread, field: instanceId}]\n"),
                        SPEC + ":11:24", "The daemon scheduling strategy does not support placement strategies"),
                Arguments.of("daemon above 100 percent", daemon("    deploymentConfiguration: {maximumPercent: 200}\n"),
                        SPEC + ":11:47", "The daemon scheduling strategy does not support values above 100 for maximumPercent"),
                Arguments.of("daemon on Fargate", Workers.repo(Workers.FARGATE_TASK_DEFINITION,
                                Workers.FARGATE_SETTINGS.replace("    desiredCount: 1\n", "") + "    schedulingStrategy: DAEMON\n"),
                        SPEC + ":13:25", "Fargate does not support the DAEMON scheduling strategy"),
                Arguments.of("service connect port name not in the task definition", Workers.settings(
                                "    serviceConnectConfiguration: {enabled: true, namespace: x, services: [{portName: grpc}]}\n"),
                        SPEC + ":14:86", "no port mapping of the task definition is named 'grpc'"),
                Arguments.of("volume configured at launch missing", Workers.settings(
                                "    volumeConfigurations: [{name: data, managedEBSVolume: {roleArn: arn}}]\n"),
                        SPEC + ":14:35", "volumeConfigurations names volume 'data', which the task definition does not define"),
                Arguments.of("load balancers with a target group", Workers.settings("    loadBalancers: [{targetGroupArn: arn}]\n"),
                        SPEC + ":14:20", "field 'loadBalancers' is set by Turnout, not by the spec"),
                Arguments.of("CodeDeploy controller", Workers.settings("    deploymentController: {type: CODE_DEPLOY}\n"),
                        SPEC + ":14:27", "field 'deploymentController' is set by Turnout, not by the spec"));
    }

    static MemorySpecFiles daemon(String more) {
        return Workers.repo("""
                {"family": "worker", "networkMode": "host", "memory": "512", "containerDefinitions": [{"name": "worker", "image": "nginx"}]}
                """, "    launchType: EC2\n    schedulingStrategy: DAEMON\n" + more);
    }

    static String tags(int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : ", ").append("{\"key\": \"k").append(i).append("\", \"value\": \"v\"}");
        return s.append("]").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedAtTheLineToChange(String name, MemorySpecFiles files, String location, String text) {
        List<SpecProblem> found = problems(files);
        SpecProblem p = problemContaining(found, text);
        assertEquals(location, p.location().toString(), describe(found));
        assertTrue(!p.fix().isEmpty(), p.describe());
    }

    @Test
    void anOverrideThatBreaksARuleIsNamedWithItsEnvironment() {
        MemorySpecFiles files = Workers.fargate().with(SPEC, Workers.spec(Workers.FARGATE_SETTINGS, "rolling: {}") + """
                  overrides:
                    production:
                      taskDefinition:
                        memory: "8 GB"
                """);
        SpecProblem p = problemContaining(problems(files), "No Fargate configuration exists");
        assertEquals(SPEC + ":19:17", p.location().toString());
        assertTrue(p.message().endsWith("(in environment 'production', after overrides)"), p.message());
    }

    @Test
    void aProblemOfTheBaseIsReportedOnceNotPerEnvironment() {
        MemorySpecFiles files = Workers.taskDefinition("\"memory\": \"512\"", "\"memory\": \"4 GB\"").with(SPEC,
                Workers.spec(Workers.FARGATE_SETTINGS, "rolling: {}") + "  overrides:\n    production:\n      service: {desiredCount: 2}\n");
        List<SpecProblem> found = problems(files);
        assertEquals(1, found.stream().filter(p -> p.message().contains("No Fargate configuration")).count(), describe(found));
    }

    @Test
    void aTaskDefinitionOver64KiBIsRefusedWithAwsWording() {
        String big = "\"environment\": [" + "{\"name\": \"A\", \"value\": \"" + "x".repeat(70_000) + "\"}], ";
        SpecProblem p = problemContaining(problems(container(big)), "Max allowed length is '65536' bytes");
        assertEquals(TD + ":1:1", p.location().toString());
        assertTrue(p.message().startsWith("Actual length: '70"), p.message());
    }
}
