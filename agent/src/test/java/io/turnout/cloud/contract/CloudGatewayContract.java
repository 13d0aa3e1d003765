package io.turnout.cloud.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.AlarmInfo;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CodeDeployApi;
import io.turnout.cloud.CodeDeployDeploymentInfo;
import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.DeploymentGroupInfo;
import io.turnout.cloud.DescribeServicesResult;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.NamespaceInfo;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.cloud.UpdateServiceRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one contract every {@link CloudGateway} keeps: the simulated cloud always, a real
 * AWS-compatible endpoint when one is configured. Subclasses give the gateway, the
 * {@link Infrastructure} to create what Turnout expects to exist, and a per-run suffix for
 * names (so the suite can run again against a long-lived emulator).
 *
 * <p>Where an emulator differs from AWS, the assertion says so and accepts both; the
 * simulator always answers as AWS does (its subclass pins that with {@link #isAws()}).
 */
abstract class CloudGatewayContract {
    static final JsonMapper JSON = JsonMapper.builder().build();

    abstract CloudGateway gateway();

    abstract Infrastructure infrastructure();

    /** A suffix unique to this run. */
    abstract String run();

    /** True when the cloud answers exactly as AWS documents it (the simulator, AWS itself). */
    abstract boolean isAws();

    String name(String base) {
        return base + "-" + run();
    }

    static JsonNode taskDefinition(String family) {
        return JSON.readTree("""
                {"family": "%s", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27",
                   "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]}]}""".formatted(family));
    }

    static CloudException failure(Runnable call) {
        return assertThrows(CloudException.class, call::run);
    }

    static void assertError(CloudException.Kind kind, String code, Runnable call) {
        CloudException e = failure(call);
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(code, e.errorCode(), e.getMessage());
    }

    @Test
    void taskDefinitionsRegisterAndDescribeWithWhatAwsAdds() {
        String family = name("web");
        TaskDefinitionInfo td = gateway().ecs().registerTaskDefinition(taskDefinition(family), Map.of("team", "shop"));
        assertEquals(family, td.family());
        assertEquals(1, td.revision());
        assertEquals("ACTIVE", td.status());
        assertTrue(td.arn().endsWith(":task-definition/" + family + ":1"), td.arn());
        JsonNode container = td.definition().path("containerDefinitions").path(0);
        // AWS fills hostPort = containerPort in awsvpc mode; moto 5.2 leaves it out
        if (isAws() || container.path("portMappings").path(0).has("hostPort")) {
            assertEquals(8080, container.path("portMappings").path(0).path("hostPort").asInt(), "awsvpc: hostPort = containerPort");
        }
        assertEquals(td.arn(), gateway().ecs().describeTaskDefinition(family + ":1").arn());
        assertEquals(2, gateway().ecs().registerTaskDefinition(taskDefinition(family), Map.of()).revision());
        assertError(CloudException.Kind.NOT_FOUND, "ClientException",
                () -> gateway().ecs().describeTaskDefinition(family + ":99"));
    }

    @Test
    void servicesCreateDescribeUpdateAndTag() {
        // moto 5.2 lists the services of every cluster whose name ends with this one's
        // ("<cluster>:" matched as a substring), so no cluster name here is a suffix of another
        String cluster = name("ecs");
        infrastructure().cluster(cluster);
        TaskDefinitionInfo td = gateway().ecs().registerTaskDefinition(taskDefinition(name("svc")), Map.of());
        JsonNode settings = infrastructure().fargateSettings();
        EcsServiceInfo a = gateway().ecs().createService(new CreateServiceRequest(cluster, "web--a", td.arn(), 2, List.of(),
                List.of(), settings, Map.of("BG_VERSION", "BLUE", "turnout:slot", "a")));
        assertEquals("ACTIVE", a.status());
        assertEquals(2, a.desiredCount());
        assertEquals(td.arn(), a.taskDefinitionArn());
        assertEquals("FARGATE", a.settings().path("launchType").asString());
        assertEquals(Map.of("BG_VERSION", "BLUE", "turnout:slot", "a"), a.tags());
        gateway().ecs().createService(new CreateServiceRequest(cluster, "web--b", td.arn(), 0, List.of(), List.of(),
                settings, Map.of("BG_VERSION", "GREEN")));

        assertEquals(List.of(cluster), gateway().ecs().describeClusters(List.of(cluster, name("nope"))).stream()
                .map(c -> c.name()).toList());
        DescribeServicesResult described = gateway().ecs().describeServices(cluster, List.of("web--a", "web--b", "nope"));
        Map<String, EcsServiceInfo> byName = described.services().stream()
                .collect(Collectors.toMap(EcsServiceInfo::name, Function.identity()));
        assertEquals(Set.of("web--a", "web--b"), byName.keySet());
        assertEquals("GREEN", byName.get("web--b").tags().get("BG_VERSION"), "include=TAGS");
        assertEquals(1, described.failures().size());
        assertEquals("MISSING", described.failures().getFirst().reason());
        assertTrue(described.failures().getFirst().arn().endsWith("nope"), described.failures().toString());
        assertEquals(2, gateway().ecs().listServices(cluster).size());

        EcsServiceInfo updated = gateway().ecs().updateService(new UpdateServiceRequest(cluster, "web--b",
                Optional.of(td.arn()), Optional.of(3),
                Optional.of(JSON.readTree("{\"deploymentConfiguration\": {\"maximumPercent\": 150, \"minimumHealthyPercent\": 50}}")),
                false));
        assertEquals(3, updated.desiredCount());
        assertEquals(150, updated.settings().path("deploymentConfiguration").path("maximumPercent").asInt());

        gateway().ecs().tagResource(byName.get("web--b").arn(), Map.of("BG_VERSION", "BLUE"));
        assertEquals("BLUE", gateway().ecs().describeServices(cluster, List.of("web--b")).services().getFirst()
                .tags().get("BG_VERSION"));

        assertError(CloudException.Kind.INVALID_REQUEST, "InvalidParameterException",
                () -> gateway().ecs().describeServices(cluster, List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")));
        assertError(CloudException.Kind.NOT_FOUND, "ServiceNotFoundException", () -> gateway().ecs().updateService(
                new UpdateServiceRequest(cluster, name("missing"), Optional.empty(), Optional.of(1), Optional.empty(), false)));
        assertError(CloudException.Kind.NOT_FOUND, "ClusterNotFoundException",
                () -> gateway().ecs().listServices(name("missing")));
    }

    @Test
    void listenerAndRuleSwapsForwardToTheOtherTargetGroup() {
        String lbName = name("alb");
        String tgA = name("tga");
        String tgB = name("tgb");
        Infrastructure infra = infrastructure();
        infra.targetGroup(tgA, 8080);
        infra.targetGroup(tgB, 8080);
        infra.loadBalancer(lbName);
        infra.listener(lbName, 80, tgA);
        infra.listener(lbName, 8080, tgB);
        infra.rule(lbName, 80, 10, "/api/*", tgA);

        LoadBalancerInfo lb = gateway().elb().describeLoadBalancers(List.of(lbName)).getFirst();
        assertEquals("application", lb.type());
        Map<String, TargetGroupInfo> groups = gateway().elb().describeTargetGroups(List.of(tgA, tgB)).stream()
                .collect(Collectors.toMap(TargetGroupInfo::name, Function.identity()));
        String a = groups.get(tgA).arn();
        String b = groups.get(tgB).arn();
        assertEquals(8080, groups.get(tgA).port());
        assertEquals("ip", groups.get(tgA).targetType());
        assertTrue(groups.get(tgA).loadBalancerArns().contains(lb.arn()), groups.toString());
        assertEquals(Set.of(a, b), gateway().elb().describeTargetGroupsOf(lb.arn()).stream().map(TargetGroupInfo::arn)
                .collect(Collectors.toSet()));

        Map<Integer, ListenerInfo> listeners = gateway().elb().describeListeners(lb.arn()).stream()
                .collect(Collectors.toMap(ListenerInfo::port, Function.identity()));
        assertEquals(a, listeners.get(80).forwardTargetGroupArn());
        gateway().elb().modifyListener(listeners.get(80).arn(), b);
        assertEquals(b, gateway().elb().describeListeners(lb.arn()).stream().filter(l -> l.port() == 80).findFirst()
                .orElseThrow().forwardTargetGroupArn());

        List<RuleInfo> rules = gateway().elb().describeRules(listeners.get(80).arn());
        assertTrue(rules.stream().anyMatch(r -> r.isDefault() && "default".equals(r.priority())), rules.toString());
        RuleInfo rule = rules.stream().filter(r -> "10".equals(r.priority())).findFirst().orElseThrow();
        assertEquals(a, rule.forwardTargetGroupArn());
        gateway().elb().modifyRule(rule.arn(), b);
        assertEquals(b, gateway().elb().describeRules(listeners.get(80).arn()).stream()
                .filter(r -> "10".equals(r.priority())).findFirst().orElseThrow().forwardTargetGroupArn());

        assertError(CloudException.Kind.NOT_FOUND, "TargetGroupNotFound",
                () -> gateway().elb().describeTargetGroups(List.of(tgA, name("missing"))));
        assertError(CloudException.Kind.NOT_FOUND, "LoadBalancerNotFound",
                () -> gateway().elb().describeLoadBalancers(List.of(name("missing"))));
    }

    @Test
    void weightedRecordsChangeTogetherInOneBatch() {
        String zoneName = name("zone") + ".shop.example.";
        infrastructure().privateZone(zoneName);
        List<HostedZoneInfo> zones = gateway().route53().listHostedZonesByName(zoneName);
        HostedZoneInfo zone = zones.stream().filter(z -> z.name().equals(zoneName)).findFirst().orElseThrow();
        assertTrue(zone.privateZone(), zone.toString());
        assertFalse(zone.id().startsWith("/"), zone.id());

        String record = "catalog." + zoneName;
        gateway().route53().changeResourceRecordSets(zone.id(), List.of(
                new RecordChange(RecordChange.Action.UPSERT, new RecordSetInfo(record, "CNAME", "catalog-a", 100L, 30,
                        List.of("catalog-a.svc.shop.local"))),
                new RecordChange(RecordChange.Action.UPSERT, new RecordSetInfo(record, "CNAME", "catalog-b", 0L, 30,
                        List.of("catalog-b.svc.shop.local")))));
        gateway().route53().changeResourceRecordSets(zone.id(), List.of(
                new RecordChange(RecordChange.Action.UPSERT, new RecordSetInfo(record, "CNAME", "catalog-a", 0L, 30,
                        List.of("catalog-a.svc.shop.local"))),
                new RecordChange(RecordChange.Action.UPSERT, new RecordSetInfo(record, "CNAME", "catalog-b", 100L, 30,
                        List.of("catalog-b.svc.shop.local")))));
        Map<String, RecordSetInfo> weighted = gateway().route53().listResourceRecordSets(zone.id()).stream()
                .filter(r -> r.setIdentifier() != null)
                .collect(Collectors.toMap(RecordSetInfo::setIdentifier, Function.identity()));
        assertEquals(new RecordSetInfo(record, "CNAME", "catalog-b", 100L, 30, List.of("catalog-b.svc.shop.local")),
                weighted.get("catalog-b"));
        assertEquals(0L, weighted.get("catalog-a").weight());

        assertError(CloudException.Kind.NOT_FOUND, "NoSuchHostedZone",
                () -> gateway().route53().listResourceRecordSets("ZNOSUCHZONE" + run().toUpperCase()));
    }

    @Test
    void cloudMapServicesAreListedByNamespace() {
        String ns = name("svc") + ".local";
        infrastructure().namespace(ns);
        infrastructure().cloudMapService(ns, "catalog-a");
        infrastructure().cloudMapService(ns, "catalog-b");
        NamespaceInfo namespace = gateway().cloudMap().listNamespaces().stream().filter(n -> n.name().equals(ns))
                .findFirst().orElseThrow();
        assertEquals("DNS_PRIVATE", namespace.type());
        List<CloudMapServiceInfo> services = gateway().cloudMap().listServices(namespace.id());
        assertEquals(Set.of("catalog-a", "catalog-b"), services.stream().map(CloudMapServiceInfo::name).collect(Collectors.toSet()));
        assertTrue(services.stream().allMatch(s -> s.namespaceId().equals(namespace.id()) && s.arn() != null));
    }

    @Test
    void scalableTargetsAndPoliciesAndTheirAbsence() {
        String cluster = name("scaling");
        infrastructure().cluster(cluster);
        TaskDefinitionInfo td = gateway().ecs().registerTaskDefinition(taskDefinition(name("scaled")), Map.of());
        gateway().ecs().createService(new CreateServiceRequest(cluster, "web--a", td.arn(), 2, List.of(), List.of(),
                infrastructure().fargateSettings(), Map.of()));
        String resourceId = ScalableTargetInfo.resourceId(cluster, "web--a");
        gateway().autoScaling().registerScalableTarget(new ScalableTargetInfo(resourceId, 2, 10));
        assertEquals(List.of(new ScalableTargetInfo(resourceId, 2, 10)),
                gateway().autoScaling().describeScalableTargets(List.of(resourceId)));
        gateway().autoScaling().putScalingPolicy(new ScalingPolicyInfo("cpu-60", resourceId, "TargetTrackingScaling",
                JSON.readTree("""
                        {"TargetValue": 60.0, "PredefinedMetricSpecification":
                          {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}""")));
        List<ScalingPolicyInfo> policies = gateway().autoScaling().describeScalingPolicies(resourceId);
        assertEquals(List.of("cpu-60"), policies.stream().map(ScalingPolicyInfo::policyName).toList());
        assertEquals(60.0, policies.getFirst().configuration().path("TargetValue").asDouble());

        gateway().autoScaling().deleteScalingPolicy("cpu-60", resourceId);
        assertEquals(List.of(), gateway().autoScaling().describeScalingPolicies(resourceId));
        assertObjectNotFound(() -> gateway().autoScaling().deleteScalingPolicy("cpu-60", resourceId));
        gateway().autoScaling().deregisterScalableTarget(resourceId);
        assertEquals(List.of(), gateway().autoScaling().describeScalableTargets(List.of(resourceId)));
        assertObjectNotFound(() -> gateway().autoScaling().deregisterScalableTarget(resourceId));
    }

    /**
     * CodeDeploy's ECS call path: the deployment group, a deployment of an AppSpec, its place in the
     * group's list and its status. moto 5.x serves the group, CreateDeployment and ListDeployments;
     * its GetDeployment answer cannot be read by the SDK (pinned below), and it has no StopDeployment
     * nor deployment targets (pinned in {@link #codeDeployStopAndTargetsAsAwsServesThem()}).
     */
    @Test
    void codeDeployDeploymentsOfAnAppSpecAreCreatedReadAndListed() {
        String cluster = name("cd");
        String lb = name("cdalb");
        infrastructure().cluster(cluster);
        infrastructure().targetGroup(name("cdblue"), 8080);
        infrastructure().targetGroup(name("cdgreen"), 8080);
        infrastructure().loadBalancer(lb);
        infrastructure().listener(lb, 80, name("cdblue"));
        infrastructure().listener(lb, 8080, name("cdgreen"));
        infrastructure().codeDeployGroup(name("app"), "payments", cluster, "payments",
                List.of(name("cdblue"), name("cdgreen")), lb, 80, 8080);
        TaskDefinitionInfo td = gateway().ecs().registerTaskDefinition(taskDefinition(name("payments")), Map.of());
        ObjectNodeSettings settings = new ObjectNodeSettings(infrastructure().fargateSettings());
        String blue = gateway().elb().describeTargetGroups(List.of(name("cdblue"))).getFirst().arn();
        gateway().ecs().createService(new CreateServiceRequest(cluster, "payments", td.arn(), 1,
                List.of(new LoadBalancerBinding(blue, "web", 8080)), List.of(),
                settings.with("deploymentController", JSON.readTree("{\"type\": \"CODE_DEPLOY\"}")), Map.of()));

        DeploymentGroupInfo group = gateway().codeDeploy().getDeploymentGroup(name("app"), "payments");
        assertEquals("payments", group.name());
        assertEquals(List.of(new DeploymentGroupInfo.EcsServiceRef(cluster, "payments")), group.ecsServices());
        assertEquals(List.of(name("cdblue"), name("cdgreen")), group.targetGroupPairs().getFirst().targetGroups());
        assertEquals(1, group.targetGroupPairs().getFirst().testListenerArns().size());
        assertError(CloudException.Kind.NOT_FOUND, "DeploymentGroupDoesNotExistException",
                () -> gateway().codeDeploy().getDeploymentGroup(name("app"), "nope"));
        assertError(CloudException.Kind.NOT_FOUND, "ApplicationDoesNotExistException",
                () -> gateway().codeDeploy().getDeploymentGroup(name("noapp"), "payments"));

        TaskDefinitionInfo next = gateway().ecs().registerTaskDefinition(taskDefinition(name("payments")), Map.of());
        String appSpec = """
                {"version": 0.0, "Resources": [{"TargetService": {"Type": "AWS::ECS::Service", "Properties": {
                  "TaskDefinition": "%s", "LoadBalancerInfo": {"ContainerName": "web", "ContainerPort": 8080}}}}]}"""
                .formatted(next.arn());
        String id = gateway().codeDeploy().createDeployment(new CodeDeployApi.CreateDeploymentRequest(name("app"), "payments",
                Optional.of("CodeDeployDefault.ECSAllAtOnce"), appSpec, "contract"));
        assertTrue(gateway().codeDeploy().listDeployments(name("app"), "payments", List.of()).contains(id));
        if (!isAws()) {
            // moto 5.x answers GetDeployment's createTime as ISO text, which the SDK's JSON protocol
            // (epoch seconds) cannot read: pinned, the rest of the path is checked on the simulator
            CloudException e = failure(() -> gateway().codeDeploy().getDeployment(id));
            assertTrue(e.getMessage().contains("Unable to unmarshall response"), e.getMessage());
            return;
        }
        CodeDeployDeploymentInfo deployment = gateway().codeDeploy().getDeployment(id);
        assertEquals(id, deployment.id());
        assertEquals("payments", deployment.deploymentGroup());
        assertTrue(deployment.active(), deployment.status());
        assertEquals(Optional.of(next.arn()), deployment.taskDefinitionArn(), "read back from the AppSpec");

    }

    /**
     * StopDeployment and ListDeploymentTargets/BatchGetDeploymentTargets as AWS serves them; moto
     * 5.x does not implement them (HTTP 500): pinned, so that a moto that learns them shows here.
     */
    @Test
    void codeDeployStopAndTargetsAsAwsServesThem() {
        if (!isAws()) {
            CloudException stop = failure(() -> gateway().codeDeploy().stopDeployment("d-" + run().toUpperCase(), true));
            assertEquals(CloudException.Kind.SERVER_ERROR, stop.kind(), "moto has no StopDeployment: " + stop.getMessage());
            CloudException targets = failure(() -> gateway().codeDeploy().deploymentTargets("d-" + run().toUpperCase()));
            assertEquals(CloudException.Kind.SERVER_ERROR, targets.kind(), "moto has no ListDeploymentTargets: " + targets.getMessage());
            return;
        }
        assertError(CloudException.Kind.NOT_FOUND, "DeploymentDoesNotExistException",
                () -> gateway().codeDeploy().stopDeployment("d-NOSUCHONE", true));
    }

    /**
     * ECS service deployments (July 2025) as AWS serves them: listed per service, none for a
     * service that has not been deployed through UpdateService or CreateService. moto 5.x has no
     * ECS service deployments at all (HTTP 500): pinned.
     */
    @Test
    void ecsServiceDeploymentsAsAwsServesThem() {
        String cluster = name("sd");
        infrastructure().cluster(cluster);
        TaskDefinitionInfo td = gateway().ecs().registerTaskDefinition(taskDefinition(name("sd")), Map.of());
        gateway().ecs().createService(new CreateServiceRequest(cluster, "web", td.arn(), 1, List.of(), List.of(),
                infrastructure().fargateSettings(), Map.of()));
        if (!isAws()) {
            CloudException e = failure(() -> gateway().ecs().listServiceDeployments(cluster, "web", List.of()));
            assertEquals(CloudException.Kind.SERVER_ERROR, e.kind(), "moto has no ListServiceDeployments: " + e.getMessage());
            return;
        }
        List<String> arns = gateway().ecs().listServiceDeployments(cluster, "web", List.of());
        assertEquals(1, arns.size(), "CreateService's first deployment");
        ServiceDeploymentInfo d = gateway().ecs().describeServiceDeployments(arns).getFirst();
        assertTrue(d.serviceArn().endsWith("/" + cluster + "/web"), d.serviceArn());
        String revision = d.target().orElseThrow().arn();
        assertEquals(td.arn(), gateway().ecs().describeServiceRevisions(List.of(revision)).getFirst().taskDefinitionArn());
        assertError(CloudException.Kind.NOT_FOUND, "ServiceNotFoundException",
                () -> gateway().ecs().listServiceDeployments(cluster, name("missing"), List.of()));
    }

    @Test
    void alarmsAreDescribedByNameMissingOnesLeftOut() {
        infrastructure().alarm(name("5xx"));
        List<AlarmInfo> alarms = gateway().cloudWatch().describeAlarms(List.of(name("5xx"), name("nope")));
        assertEquals(List.of(name("5xx")), alarms.stream().map(AlarmInfo::name).toList());
        assertFalse(AlarmInfo.ALARM.equals(alarms.getFirst().state()), alarms.getFirst().state());
    }

    /** The settings of a fargate service with one more member. */
    private record ObjectNodeSettings(JsonNode settings) {
        JsonNode with(String field, JsonNode value) {
            ObjectNode copy = (ObjectNode) settings.deepCopy();
            copy.set(field, value);
            return copy;
        }
    }

    /**
     * AWS answers a missing scalable target or policy with ObjectNotFoundException (NOT_FOUND).
     * moto 5.2 answers ValidationException (INVALID_REQUEST) instead; accepted only off AWS.
     */
    private void assertObjectNotFound(Runnable call) {
        CloudException e = failure(call);
        if (isAws() || e.kind() == CloudException.Kind.NOT_FOUND) {
            assertEquals(CloudException.Kind.NOT_FOUND, e.kind(), e.getMessage());
            assertEquals("ObjectNotFoundException", e.errorCode(), e.getMessage());
        } else {
            assertEquals("ValidationException", e.errorCode(), e.getMessage());
        }
    }
}
