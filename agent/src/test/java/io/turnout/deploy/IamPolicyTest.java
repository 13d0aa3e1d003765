package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.turnout.cloud.aws.AwsCloudGateway;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deploy/iam/turnout-policy.json} grants exactly what the AWS gateway
 * ({@code io.turnout.cloud.aws}) can call: the operations are derived from its compiled classes,
 * so a new SDK call without a policy change (or a policy action nobody calls) fails here.
 */
class IamPolicyTest {
    static final Path POLICY = DeployFiles.deploy("iam/turnout-policy.json");

    /**
     * Actions AWS checks besides the one named by the call (each from the service's
     * documentation), keyed by the call that needs them. They are expected only while the
     * gateway makes that call.
     */
    static final Map<String, List<String>> ALSO_AUTHORIZED = Map.ofEntries(
            // A task definition (or a RunTask override) naming a task or execution role passes it to ECS tasks.
            Map.entry("ecs:RegisterTaskDefinition", List.of("iam:PassRole")),
            Map.entry("ecs:RunTask", List.of("iam:PassRole")),
            // The first service in an account creates the AWSServiceRoleForECS service-linked role; ECS's own
            // blue/green passes the infrastructure role of loadBalancers[].advancedConfiguration and the
            // lifecycle hooks' role to ECS (CreateService and UpdateService alike).
            Map.entry("ecs:CreateService", List.of("iam:CreateServiceLinkedRole", "iam:PassRole")),
            Map.entry("ecs:UpdateService", List.of("iam:PassRole")),
            // CreateDeployment of an AppSpec registers it as an application revision and reads the
            // deployment configuration ("CodeDeploy permissions for ECS deployments").
            Map.entry("codedeploy:CreateDeployment", List.of("codedeploy:GetDeploymentConfig",
                    "codedeploy:RegisterApplicationRevision", "codedeploy:GetApplicationRevision")),
            // Application Auto Scaling checks that the caller may describe and update the ECS
            // service, and creates its ECS service-linked role on first use ("IAM permissions
            // required for Amazon ECS service auto scaling").
            Map.entry("application-autoscaling:RegisterScalableTarget",
                    List.of("ecs:DescribeServices", "ecs:UpdateService", "iam:CreateServiceLinkedRole")),
            // Target tracking policies create, replace and delete their CloudWatch alarms.
            Map.entry("application-autoscaling:PutScalingPolicy",
                    List.of("cloudwatch:DescribeAlarms", "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms")),
            Map.entry("application-autoscaling:DeleteScalingPolicy", List.of("cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms")),
            Map.entry("application-autoscaling:DeregisterScalableTarget", List.of("cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms")));

    /** The gateway's package in the compiled classes: {@code target/classes}, or inside the jar when run from one. */
    static Path gatewayClasses() {
        try {
            Path root = Path.of(AwsCloudGateway.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(root)) root = FileSystems.newFileSystem(root).getPath("/");
            return root.resolve("io/turnout/cloud/aws");
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot find the compiled classes of io.turnout.cloud.aws", e);
        }
    }

    static JsonNode policy() {
        return JsonMapper.builder().build().readTree(DeployFiles.read(POLICY));
    }

    static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        List<String> out = new ArrayList<>();
        if (action.isString()) out.add(action.asString());
        else action.forEach(a -> out.add(a.asString()));
        return out;
    }

    static List<String> resources(JsonNode statement) {
        JsonNode resource = statement.path("Resource");
        List<String> out = new ArrayList<>();
        if (resource.isString()) out.add(resource.asString());
        else resource.forEach(r -> out.add(r.asString()));
        return out;
    }

    static Set<String> grantedActions(JsonNode policy) {
        Set<String> granted = new TreeSet<>();
        policy.path("Statement").forEach(s -> granted.addAll(actions(s)));
        return granted;
    }

    @Test
    void policyGrantsExactlyTheActionsTheGatewayCanCall() {
        Map<String, Set<String>> calls = AwsOperationScanner.scan(gatewayClasses());
        Set<String> expected = new TreeSet<>(calls.keySet());
        calls.keySet().forEach(a -> expected.addAll(ALSO_AUTHORIZED.getOrDefault(a, List.of())));
        Set<String> granted = grantedActions(policy());

        List<String> missing = expected.stream().filter(a -> !granted.contains(a))
                .map(a -> a + (calls.containsKey(a) ? " (called by " + calls.get(a) + ")" : " (needed by a call, see ALSO_AUTHORIZED)"))
                .toList();
        List<String> unused = granted.stream().filter(a -> !expected.contains(a)).toList();
        if (!missing.isEmpty() || !unused.isEmpty()) {
            fail(POLICY + " does not match the gateway's AWS calls.\n  missing (add them): " + missing
                    + "\n  granted but never called (remove them): " + unused);
        }
    }

    /** The scanner itself: direct calls, paginators, method references and the role provider are all found. */
    @Test
    void scannerFindsEveryKindOfCall() {
        Set<String> found = AwsOperationScanner.scan(gatewayClasses()).keySet();
        assertTrue(found.contains("ecs:DescribeServices"), "direct call: " + found);
        assertTrue(found.contains("ecs:ListServices"), "listServicesPaginator is ListServices: " + found);
        assertTrue(found.contains("elasticloadbalancing:ModifyListener"), "elbv2 maps to elasticloadbalancing: " + found);
        assertTrue(found.contains("sts:GetCallerIdentity"), "method reference sts::getCallerIdentity: " + found);
        assertTrue(found.contains("sts:AssumeRole"), "StsAssumeRoleCredentialsProvider calls AssumeRole: " + found);
        assertTrue(found.contains("application-autoscaling:PutScalingPolicy"), found.toString());
        assertFalse(found.stream().anyMatch(a -> a.endsWith("Paginator") || a.endsWith(":Close")
                || a.endsWith(":Builder") || a.endsWith(":ServiceName")), "not operations: " + found);
    }

    @Test
    void everyStatementAllowsNamedActionsOnly() {
        for (JsonNode s : policy().path("Statement")) {
            String sid = s.path("Sid").asString("(no Sid)");
            assertEquals("Allow", s.path("Effect").asString(), sid);
            assertTrue(s.path("NotAction").isMissingNode() && s.path("NotResource").isMissingNode(), sid);
            for (String action : actions(s)) {
                assertFalse(action.contains("*"), sid + ": wildcard action " + action + "; name each action");
            }
            assertFalse(resources(s).isEmpty(), sid + ": no Resource");
        }
    }

    /**
     * Roles are passed to ECS tasks (task and execution roles) and to ECS itself (the infrastructure
     * role ECS's own blue/green moves listener rules with, and the lifecycle hooks' role) — to no
     * other service.
     */
    @Test
    void passRoleOnlyToEcsTasksAndEcs() {
        Set<String> passedTo = new TreeSet<>();
        for (JsonNode s : policy().path("Statement")) {
            if (!actions(s).contains("iam:PassRole")) continue;
            assertEquals(List.of("iam:PassRole"), actions(s), "PassRole in a statement of its own, with its condition");
            String service = s.at("/Condition/StringEquals/iam:PassedToService").asString();
            assertTrue(Set.of("ecs-tasks.amazonaws.com", "ecs.amazonaws.com").contains(service),
                    "iam:PassRole must be limited to roles passed to ECS tasks or ECS, not " + service);
            passedTo.add(service);
        }
        assertEquals(Set.of("ecs-tasks.amazonaws.com", "ecs.amazonaws.com"), passedTo);
    }

    /** The calls of ECS's own blue/green and CodeDeploy are granted, each on the resource type it acts on. */
    @Test
    void engineDeploymentCallsAreScopedToTheirResources() {
        Map<String, List<String>> resources = new HashMap<>();
        for (JsonNode s : policy().path("Statement")) for (String a : actions(s)) resources.put(a, resources(s));
        assertEquals(List.of("arn:aws:ecs:*:*:service-deployment/*/*/*"), resources.get("ecs:StopServiceDeployment"));
        for (String action : List.of("codedeploy:CreateDeployment", "codedeploy:StopDeployment", "codedeploy:GetDeployment",
                "codedeploy:ListDeployments", "codedeploy:GetDeploymentGroup")) {
            assertEquals(List.of("arn:aws:codedeploy:*:*:deploymentgroup:*/*"), resources.get(action), action);
        }
        assertTrue(resources.containsKey("ecs:ListServiceDeployments") && resources.containsKey("ecs:DescribeServiceDeployments"));
    }

    /** Route 53 allows resource-level permissions for record and change actions: use them. */
    @Test
    void route53ActionsAreScopedWhereTheApiAllows() {
        for (JsonNode s : policy().path("Statement")) {
            for (String action : actions(s)) {
                // the two listings of zones take no resource in IAM (only "*"); every other Route 53 action does
                if (!action.startsWith("route53:") || action.equals("route53:ListHostedZonesByName")
                        || action.equals("route53:ListHostedZones")) continue;
                for (String resource : resources(s)) {
                    assertTrue(resource.startsWith("arn:aws:route53:::hostedzone/") || resource.startsWith("arn:aws:route53:::change/"),
                            action + " granted on " + resource + "; scope it to hosted zones");
                }
                assertEquals(1, actions(s).size(), action + ": keep it in its own statement so its scope is visible");
            }
        }
        JsonNode change = null;
        for (JsonNode s : policy().path("Statement")) if (actions(s).contains("route53:ChangeResourceRecordSets")) change = s;
        assertTrue(change != null);
        assertEquals("CNAME", change.at("/Condition/ForAllValues:StringEquals/route53:ChangeResourceRecordSetsRecordTypes/0").asString(),
                "Turnout writes weighted CNAME records only");
    }
}
