package io.turnout.cloud.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.DescribeServicesResult;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.TargetHealthInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.cloud.UpdateServiceRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SimEcsTest {
    private final SimFixture fx = new SimFixture();

    @Test
    void registrationAddsWhatAwsAddsAndCountsRevisionsPerFamily() {
        TaskDefinitionInfo first = fx.registerWeb("nginx:1");
        TaskDefinitionInfo second = fx.registerWeb("nginx:2");
        TaskDefinitionInfo other = fx.gw.ecs().registerTaskDefinition(SimFixture.json("""
                {"family": "api", "containerDefinitions": [{"name": "api", "image": "api:1", "portMappings": [{"containerPort": 9000}]}]}
                """), Map.of());

        assertEquals(1, first.revision());
        assertEquals(2, second.revision());
        assertEquals(1, other.revision());
        assertEquals("arn:aws:ecs:eu-west-1:222222222222:task-definition/web:2", second.arn());
        JsonNode d = first.definition();
        assertEquals("ACTIVE", d.get("status").asString());
        assertEquals(first.arn(), d.get("taskDefinitionArn").asString());
        assertEquals("256", d.get("cpu").asString());
        assertTrue(d.get("cpu").isString(), "AWS answers task cpu as a string");
        assertEquals("[\"EC2\",\"FARGATE\"]", d.get("compatibilities").toString());
        assertTrue(d.get("requiresAttributes").isArray());
        assertTrue(d.has("registeredAt") && d.has("registeredBy"));
        assertEquals("[]", d.get("volumes").toString());
        assertEquals("[]", d.get("placementConstraints").toString());
        JsonNode c = d.get("containerDefinitions").get(0);
        assertEquals(0, c.get("cpu").asInt());
        assertTrue(c.get("essential").asBoolean());
        for (String list : List.of("mountPoints", "volumesFrom", "systemControls")) assertEquals("[]", c.get(list).toString());
        assertEquals("{\"containerPort\":8080,\"protocol\":\"tcp\",\"hostPort\":8080}", c.get("portMappings").get(0).toString());
        assertEquals("bridge", other.definition().get("networkMode").asString(), "no networkMode means bridge");
        assertFalse(other.definition().get("containerDefinitions").get(0).get("portMappings").get(0).has("hostPort"));
    }

    @Test
    void describeTaskDefinitionByArnFamilyRevisionOrLatest() {
        fx.registerWeb("nginx:1");
        TaskDefinitionInfo second = fx.registerWeb("nginx:2");
        assertEquals(second, fx.gw.ecs().describeTaskDefinition("web"));
        assertEquals(1, fx.gw.ecs().describeTaskDefinition("web:1").revision());
        assertEquals(second, fx.gw.ecs().describeTaskDefinition(second.arn()));
        CloudException e = assertThrows(CloudException.class, () -> fx.gw.ecs().describeTaskDefinition("web:9"));
        assertEquals("ClientException", e.errorCode());
        assertEquals(CloudException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void registrationRejectsWhatAwsRejects() {
        assertClient("{\"containerDefinitions\": [{\"name\": \"x\", \"image\": \"y\"}]}");
        assertClient("{\"family\": \"x\", \"containerDefinitions\": []}");
        assertClient("{\"family\": \"x\", \"requiresCompatibilities\": [\"FARGATE\"], \"cpu\": \"256\", \"memory\": \"512\","
                + " \"containerDefinitions\": [{\"name\": \"x\", \"image\": \"y\"}]}");
        assertClient("{\"family\": \"x\", \"desiredCont\": 1, \"containerDefinitions\": [{\"name\": \"x\", \"image\": \"y\"}]}");
    }

    private void assertClient(String request) {
        CloudException e = assertThrows(CloudException.class,
                () -> fx.gw.ecs().registerTaskDefinition(SimFixture.json(request), Map.of()));
        assertEquals("ClientException", e.errorCode());
        assertEquals("ecs:RegisterTaskDefinition", e.operation());
    }

    @Test
    void createServiceFillsAwsDefaults() {
        TaskDefinitionInfo td = fx.registerWeb("nginx:1");
        JsonNode s = fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 2, "web-a", SimFixture.fargateSettings())).settings();
        assertEquals("{\"maximumPercent\":200,\"minimumHealthyPercent\":100,\"deploymentCircuitBreaker\":{\"enable\":false,\"rollback\":false}}",
                s.get("deploymentConfiguration").toString());
        assertEquals("REPLICA", s.get("schedulingStrategy").asString());
        assertEquals("LATEST", s.get("platformVersion").asString());
        assertFalse(s.get("enableECSManagedTags").asBoolean());
        assertFalse(s.get("enableExecuteCommand").asBoolean());
        assertEquals("NONE", s.get("propagateTags").asString());
        assertEquals(0, s.get("healthCheckGracePeriodSeconds").asInt());
        assertEquals("[]", s.get("placementConstraints").toString());
        assertEquals("[]", s.get("placementStrategy").toString());
        JsonNode vpc = s.get("networkConfiguration").get("awsvpcConfiguration");
        assertEquals("DISABLED", vpc.get("assignPublicIp").asString());
        assertEquals("[\"subnet-a\",\"subnet-b\"]", vpc.get("subnets").toString());
    }

    @Test
    void tasksStartThenTargetsTurnHealthyThenTheServiceIsSteady() {
        TaskDefinitionInfo td = fx.registerWeb("nginx:1");
        EcsServiceInfo created = fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 2, "web-a", SimFixture.fargateSettings()));
        assertEquals(2, created.pendingCount());
        assertEquals("IN_PROGRESS", created.deployments().getFirst().rolloutState());
        assertFalse(created.steady());
        assertTrue(fx.gw.elb().describeTargetHealth(fx.targetGroupArn("web-a")).isEmpty());

        fx.clock.advance(Duration.ofSeconds(20));
        EcsServiceInfo running = describe("web--a");
        assertEquals(2, running.runningCount());
        assertEquals("IN_PROGRESS", running.deployments().getFirst().rolloutState(), "targets are not healthy yet");
        List<TargetHealthInfo> health = fx.gw.elb().describeTargetHealth(fx.targetGroupArn("web-a"));
        assertEquals(2, health.size());
        assertTrue(health.stream().allMatch(h -> h.state().equals("initial") && h.target().port() == 8080));

        fx.clock.advance(Duration.ofSeconds(10));
        assertTrue(fx.gw.elb().describeTargetHealth(fx.targetGroupArn("web-a")).stream().allMatch(TargetHealthInfo::healthy));
        EcsServiceInfo steady = describe("web--a");
        assertEquals("COMPLETED", steady.deployments().getFirst().rolloutState());
        assertTrue(steady.steady());
    }

    @Test
    void aNewTaskDefinitionStartsADeploymentAndTheOldOneDrains() {
        TaskDefinitionInfo v1 = fx.registerWeb("nginx:1");
        TaskDefinitionInfo v2 = fx.registerWeb("nginx:2");
        fx.gw.ecs().createService(fx.webService("web--a", v1.arn(), 2, "web-a", SimFixture.fargateSettings()));
        fx.clock.advance(Duration.ofMinutes(1));

        EcsServiceInfo updating = fx.gw.ecs().updateService(update("web--a", Optional.of(v2.arn()), Optional.empty()));
        assertEquals(2, updating.deployments().size());
        assertEquals("PRIMARY", updating.deployments().get(0).status());
        assertEquals(v2.arn(), updating.deployments().get(0).taskDefinitionArn());
        assertEquals("ACTIVE", updating.deployments().get(1).status());
        assertEquals(v1.arn(), updating.deployments().get(1).taskDefinitionArn());
        assertEquals(v2.arn(), updating.taskDefinitionArn());
        assertFalse(updating.steady());

        fx.clock.advance(Duration.ofSeconds(20));
        assertEquals(4, fx.gw.elb().describeTargetHealth(fx.targetGroupArn("web-a")).size(), "old and new tasks serve");
        fx.clock.advance(Duration.ofSeconds(10));
        EcsServiceInfo done = describe("web--a");
        assertTrue(done.steady());
        assertEquals(v2.arn(), done.deployments().getFirst().taskDefinitionArn());
        assertEquals(2, fx.gw.elb().describeTargetHealth(fx.targetGroupArn("web-a")).size(), "old tasks drained");
    }

    @Test
    void sameTaskDefinitionWithoutForceStartsNoDeployment() {
        TaskDefinitionInfo v1 = fx.registerWeb("nginx:1");
        fx.gw.ecs().createService(fx.webService("web--a", v1.arn(), 1, "web-a", SimFixture.fargateSettings()));
        fx.clock.advance(Duration.ofMinutes(1));
        assertEquals(1, fx.gw.ecs().updateService(update("web--a", Optional.of(v1.arn()), Optional.empty())).deployments().size());
        assertEquals(2, fx.gw.ecs().updateService(new UpdateServiceRequest("production", "web--a", Optional.empty(),
                Optional.empty(), Optional.empty(), true)).deployments().size());
    }

    @Test
    void desiredCountChangesScaleWithoutANewDeployment() {
        TaskDefinitionInfo v1 = fx.registerWeb("nginx:1");
        fx.gw.ecs().createService(fx.webService("web--a", v1.arn(), 2, "web-a", SimFixture.fargateSettings()));
        fx.clock.advance(Duration.ofMinutes(1));
        EcsServiceInfo scaled = fx.gw.ecs().updateService(update("web--a", Optional.empty(), Optional.of(4)));
        assertEquals(1, scaled.deployments().size());
        assertEquals(2, scaled.pendingCount());
        assertFalse(scaled.steady());
        fx.clock.advance(Duration.ofSeconds(20));
        assertTrue(describe("web--a").steady());
        EcsServiceInfo down = fx.gw.ecs().updateService(update("web--a", Optional.empty(), Optional.of(0)));
        assertEquals(0, down.runningCount());
        assertTrue(down.steady());
        assertTrue(fx.gw.elb().describeTargetHealth(fx.targetGroupArn("web-a")).isEmpty());
    }

    @Test
    void circuitBreakerFailsTheDeploymentAndRollsBack() {
        TaskDefinitionInfo v1 = fx.registerWeb("nginx:1");
        TaskDefinitionInfo v2 = fx.registerWeb("nginx:broken");
        JsonNode settings = SimFixture.json("""
                {"launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["s"]}},
                 "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}}}""");
        fx.gw.ecs().createService(fx.webService("web--a", v1.arn(), 2, "web-a", settings));
        fx.clock.advance(Duration.ofMinutes(1));
        assertTrue(describe("web--a").steady());

        fx.cloud.faults().failTaskStarts("web--a");
        fx.gw.ecs().updateService(update("web--a", Optional.of(v2.arn()), Optional.empty()));
        fx.clock.advance(Duration.ofSeconds(50)); // two rounds of 2 failed tasks: threshold 3 reached
        EcsServiceInfo failed = describe("web--a");
        assertEquals(v1.arn(), failed.taskDefinitionArn(), "rolled back to the last completed task definition");
        assertEquals("FAILED", failed.deployments().get(1).rolloutState());
        assertTrue(failed.deployments().get(1).rolloutStateReason().contains("circuit breaker"));
        assertEquals(v1.arn(), failed.deployments().getFirst().taskDefinitionArn());
        assertEquals(2, failed.runningCount(), "the old tasks kept serving");

        fx.cloud.faults().restoreTaskStarts("web--a");
        fx.clock.advance(Duration.ofMinutes(2));
        EcsServiceInfo back = describe("web--a");
        assertTrue(back.steady());
        assertEquals(v1.arn(), back.taskDefinitionArn());
    }

    @Test
    void withoutTheBreakerAFailingDeploymentKeepsTrying() {
        TaskDefinitionInfo v1 = fx.registerWeb("nginx:1");
        fx.cloud.faults().failTaskStarts("web--a");
        fx.gw.ecs().createService(fx.webService("web--a", v1.arn(), 2, "web-a", SimFixture.fargateSettings()));
        fx.clock.advance(Duration.ofHours(1));
        EcsServiceInfo svc = describe("web--a");
        assertEquals("IN_PROGRESS", svc.deployments().getFirst().rolloutState());
        assertEquals(0, svc.runningCount());
        fx.cloud.faults().restoreTaskStarts("web--a");
        fx.clock.advance(Duration.ofMinutes(1));
        assertTrue(describe("web--a").steady());
    }

    @Test
    void errorsForMissingThings() {
        TaskDefinitionInfo td = fx.registerWeb("nginx:1");
        assertError("ClusterNotFoundException", () -> fx.gw.ecs().describeServices("nope", List.of("x")));
        assertError("ClusterNotFoundException", () -> fx.gw.ecs().listServices("nope"));
        assertError("ServiceNotFoundException", () -> fx.gw.ecs().updateService(update("ghost", Optional.empty(), Optional.of(1))));
        assertError("ClientException", () -> fx.gw.ecs().createService(fx.webService("web--a", "web:7", 1, "web-a", SimFixture.fargateSettings())));
        assertError("ResourceNotFoundException", () -> fx.gw.ecs().tagResource("arn:aws:ecs:eu-west-1:222222222222:service/production/x", Map.of()));
        assertEquals(List.of(), fx.gw.ecs().describeClusters(List.of("nope")));
        assertEquals("production", fx.gw.ecs().describeClusters(List.of("production", "nope")).getFirst().name());
    }

    @Test
    void createServiceRejectsContradictions() {
        TaskDefinitionInfo td = fx.registerWeb("nginx:1");
        fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 1, "web-a", SimFixture.fargateSettings()));
        CloudException dup = assertError("InvalidParameterException",
                () -> fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 1, "web-a", SimFixture.fargateSettings())));
        assertTrue(dup.getMessage().contains("not idempotent"));
        CloudException port = assertError("InvalidParameterException", () -> fx.gw.ecs().createService(
                new CreateServiceRequest("production", "web--b", td.arn(), 1,
                        List.of(new LoadBalancerBinding(fx.targetGroupArn("web-b"), "web", 9000)), List.of(),
                        SimFixture.fargateSettings(), Map.of())));
        assertTrue(port.getMessage().contains("The container web did not have a container port 9000 defined"), port.getMessage());
        CloudException type = assertError("InvalidParameterException",
                () -> fx.gw.ecs().createService(fx.webService("web--b", td.arn(), 1, "inst", SimFixture.fargateSettings())));
        assertTrue(type.getMessage().contains("target type instance"), type.getMessage());
        CloudException loose = assertError("InvalidParameterException",
                () -> fx.gw.ecs().createService(fx.webService("web--b", td.arn(), 1, "loose", SimFixture.fargateSettings())));
        assertTrue(loose.getMessage().contains("does not have an associated load balancer"), loose.getMessage());
        CloudException network = assertError("InvalidParameterException", () -> fx.gw.ecs().createService(
                fx.webService("web--b", td.arn(), 1, "web-b", SimFixture.json("{\"launchType\": \"FARGATE\"}"))));
        assertTrue(network.getMessage().contains("Network Configuration must be provided"), network.getMessage());
    }

    /**
     * AWS accepts a target group whose own port differs from the container port and registers the
     * tasks on the container port (ip targets): so does the simulator, it refuses only what AWS refuses.
     */
    @Test
    void aTargetGroupWithAnotherPortIsAcceptedAndTasksRegisterOnTheContainerPort() {
        TaskDefinitionInfo td = fx.registerWeb("nginx:1");
        fx.gw.ecs().createService(fx.webService("web--b", td.arn(), 2, "api-b", SimFixture.fargateSettings()));
        fx.clock.advance(java.time.Duration.ofMinutes(2));
        var targets = fx.gw.elb().describeTargetHealth(fx.targetGroupArn("api-b"));
        assertEquals(2, targets.size(), targets.toString());
        assertTrue(targets.stream().allMatch(t -> t.target().port() == 8080 && t.healthy()), targets.toString());
        assertTrue(fx.gw.ecs().describeServices("production", List.of("web--b")).services().getFirst().steady());
    }

    @Test
    void describeServicesTakesAtMostTenAndReportsMissingNames() {
        TaskDefinitionInfo td = fx.registerWeb("nginx:1");
        fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 1, "web-a", SimFixture.fargateSettings()));
        CloudException tooMany = assertError("InvalidParameterException", () -> fx.gw.ecs().describeServices("production",
                IntStream.range(0, 11).mapToObj(i -> "s" + i).toList()));
        assertEquals(CloudException.Kind.INVALID_REQUEST, tooMany.kind());
        DescribeServicesResult result = fx.gw.ecs().describeServices("production", List.of("web--a", "web--b"));
        assertEquals(List.of("web--a"), result.services().stream().map(EcsServiceInfo::name).toList());
        assertEquals(List.of(new DescribeServicesResult.Failure(
                "arn:aws:ecs:eu-west-1:222222222222:service/production/web--b", "MISSING")), result.failures());
        assertEquals(Map.of("turnout:service", "web"), result.services().getFirst().tags());
        assertEquals(List.of("arn:aws:ecs:eu-west-1:222222222222:service/production/web--a"), fx.gw.ecs().listServices("production"));
    }

    @Test
    void inactiveServicesCannotBeUpdatedButCanBeRecreated() {
        TaskDefinitionInfo td = fx.registerWeb("nginx:1");
        fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 1, "web-a", SimFixture.fargateSettings()));
        fx.region.locked(() -> fx.region.ecs.services.get("production").get("web--a").status = "INACTIVE");
        CloudException e = assertError("ServiceNotActiveException", () -> fx.gw.ecs().updateService(update("web--a", Optional.empty(), Optional.of(2))));
        assertEquals(CloudException.Kind.CONFLICT, e.kind());
        assertEquals("ACTIVE", fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 1, "web-a", SimFixture.fargateSettings())).status());
    }

    private EcsServiceInfo describe(String name) {
        return fx.gw.ecs().describeServices("production", List.of(name)).services().getFirst();
    }

    static UpdateServiceRequest update(String service, Optional<String> td, Optional<Integer> desired) {
        return new UpdateServiceRequest("production", service, td, desired, Optional.empty(), false);
    }

    static CloudException assertError(String code, Runnable call) {
        CloudException e = assertThrows(CloudException.class, call::run);
        assertEquals(code, e.errorCode(), e.getMessage());
        return e;
    }
}
