package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code deploy/cloudformation/turnout.yaml}: consistent, and wired the way the agent needs. */
class CloudFormationTemplateTest {
    static final Path TEMPLATE = DeployFiles.deploy("cloudformation/turnout.yaml");

    static Map<String, Object> template() {
        return CfnYaml.parse(DeployFiles.read(TEMPLATE));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String... path) {
        Object v = value;
        for (String key : path) v = ((Map<String, Object>) v).get(key);
        return (Map<String, Object>) v;
    }

    static Map<String, Object> properties(String resource) {
        return map(template(), "Resources", resource, "Properties");
    }

    static Map<String, Object> container() {
        return map(((List<?>) properties("TaskDefinition").get("ContainerDefinitions")).getFirst());
    }

    @Test
    void templateIsConsistent() {
        List<String> problems = CloudFormationCheck.of(template()).problems();
        assertEquals(List.of(), problems, () -> TEMPLATE + ":\n  " + String.join("\n  ", problems));
    }

    @Test
    void shortFormTagsBecomeLongFormFunctions() {
        Map<String, Object> t = CfnYaml.parse("""
                Resources:
                  R:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      A: !Ref P
                      B: !GetAtt X.Some.Attr
                      C: !Sub 'x-${AWS::Region}'
                      D: !If [Cond, !Select [0, !Split [',', !Join ['-', [a, b]]]], !Ref 'AWS::NoValue']
                      E: !Base64 {Fn::FindInMap: [M, k, v]}
                Conditions:
                  Cond: !And [!Equals [a, b], !Not [!Condition Other]]
                """);
        Map<String, Object> p = map(t, "Resources", "R", "Properties");
        assertEquals(Map.of("Ref", "P"), p.get("A"));
        assertEquals(Map.of("Fn::GetAtt", List.of("X", "Some.Attr")), p.get("B"));
        assertEquals(Map.of("Fn::Sub", "x-${AWS::Region}"), p.get("C"));
        assertEquals(Map.of("Fn::If", List.of("Cond",
                Map.of("Fn::Select", List.of(0L, Map.of("Fn::Split", List.of(",", Map.of("Fn::Join", List.of("-", List.of("a", "b"))))))),
                Map.of("Ref", "AWS::NoValue"))), p.get("D"));
        assertEquals(Map.of("Fn::Base64", Map.of("Fn::FindInMap", List.of("M", "k", "v"))), p.get("E"));
        assertEquals(Map.of("Fn::And", List.of(Map.of("Fn::Equals", List.of("a", "b")),
                Map.of("Fn::Not", List.of(Map.of("Condition", "Other"))))), map(t, "Conditions").get("Cond"));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> CfnYaml.parse("Resources: {R: {Type: !Reff X}}"));
        assertTrue(typo.getMessage().contains("unknown CloudFormation tag !Reff"), typo.getMessage());
    }

    /** The checker finds what it claims to: each broken reference is reported. */
    @Test
    void checkerReportsBrokenReferences() {
        List<String> problems = CloudFormationCheck.of(CfnYaml.parse("""
                Parameters:
                  Used: {Type: String}
                  Unused: {Type: String}
                Conditions:
                  Defined: !Equals [!Ref Used, '']
                  OnResource: !Equals [!Ref Role, x]
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Condition: Undefined
                    DependsOn: Nowhere
                    Properties:
                      RoleName: !Sub '${Used}-${Missing}-${Role.Arn}-${Role.Nope}-${!Literal}'
                      Path: !If [AlsoUndefined, !Ref Used, !GetAtt Ghost.Arn]
                  Odd:
                    Type: AWS::Made::Up
                Outputs:
                  NoValue: {Description: nothing}
                """)).problems();
        List<String> expected = List.of(
                "Conditions/OnResource/Fn::Equals/0/Ref: conditions may only refer to parameters, not resource Role",
                "Resources/Role/Condition: no condition Undefined",
                "Resources/Role/DependsOn: no resource Nowhere",
                "Resources/Role: AWS::IAM::Role requires property AssumeRolePolicyDocument",
                "Resources/Role/Properties/RoleName/Fn::Sub ${Missing}: Missing is no parameter, resource or pseudo parameter",
                "Resources/Role/Properties/RoleName/Fn::Sub: AWS::IAM::Role has no attribute Nope (it has [Arn, RoleId])",
                "Resources/Role/Properties/Path/Fn::If/0: no condition AlsoUndefined",
                "Resources/Role/Properties/Path/Fn::If/2/Fn::GetAtt: no resource Ghost",
                "Resources/Odd: type AWS::Made::Up is not in REQUIRED_PROPERTIES; add its required properties there",
                "Outputs/NoValue: no Value",
                "Parameters/Unused: never used; remove it or use it",
                "Conditions/Defined: never used; remove it or use it",
                "Conditions/OnResource: never used; remove it or use it");
        assertEquals(new TreeSet<>(expected), new TreeSet<>(problems.stream()
                .map(p -> p.replace("[RoleId, Arn]", "[Arn, RoleId]")).toList()));
    }

    /** The task role's policy is deploy/iam/turnout-policy.json, statement for statement. */
    @Test
    void taskRoleCarriesTheIamPolicyVerbatim() {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode inTemplate = json.valueToTree(properties("TurnoutPolicy").get("PolicyDocument"));
        JsonNode file = json.readTree(DeployFiles.read(IamPolicyTest.POLICY));
        assertEquals(file, inTemplate, "TurnoutPolicy.PolicyDocument differs from " + IamPolicyTest.POLICY + "; copy it over");
        assertEquals(List.of(Map.of("Ref", "TurnoutPolicy")), properties("TaskRole").get("ManagedPolicyArns"));
        assertEquals(Map.of("Fn::GetAtt", List.of("TaskRole", "Arn")), properties("TaskDefinition").get("TaskRoleArn"));
        assertEquals(Map.of("Fn::GetAtt", List.of("ExecutionRole", "Arn")), properties("TaskDefinition").get("ExecutionRoleArn"));
    }

    @Test
    void containerRunsTheImageOnPort8080WithTheImagesHealthCheck() {
        Map<String, Object> c = container();
        assertEquals(Map.of("Ref", "ImageUri"), c.get("Image"));
        assertEquals(8080L, map(((List<?>) c.get("PortMappings")).getFirst()).get("ContainerPort"));
        List<?> command = (List<?>) map(c, "HealthCheck").get("Command");
        assertEquals("CMD-SHELL", command.getFirst());
        assertEquals(Dockerfile.read().healthCheckCommand(), command.get(1),
                "the task definition's health check should be the Dockerfile's HEALTHCHECK");
        Map<String, Object> logs = map(c, "LogConfiguration");
        assertEquals("awslogs", logs.get("LogDriver"));
        assertEquals(Map.of("Ref", "LogGroup"), map(logs, "Options").get("awslogs-group"));
        assertEquals(Map.of("Ref", "LogRetentionDays"), properties("LogGroup").get("RetentionInDays"));
        assertEquals(List.of("FARGATE"), properties("TaskDefinition").get("RequiresCompatibilities"));
        assertEquals("awsvpc", properties("TaskDefinition").get("NetworkMode"));
    }

    @Test
    void secretsComeFromSecretsManagerArnParameters() {
        String secrets = String.valueOf(container().get("Secrets"));
        for (String parameter : List.of("GitTokenSecretArn", "ApiTokenSecretArn", "WebhookSecretArn", "DatabaseSecretArn")) {
            assertTrue(secrets.contains(parameter), parameter + " is not read into the container: " + secrets);
        }
        for (String required : List.of("GitTokenSecretArn", "ApiTokenSecretArn", "WebhookSecretArn")) {
            assertTrue(String.valueOf(map(template(), "Parameters", required).get("AllowedPattern")).startsWith("^arn:aws"),
                    required + " should only accept a Secrets Manager ARN");
        }
        // names like …_TOKEN, …_SECRET, …_PASSWORD belong in Secrets (…_TOKEN_ENV only names a variable)
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("Name=([A-Z0-9_]+)")
                .matcher(String.valueOf(container().get("Environment")));
        while (names.find()) {
            assertTrue(!names.group(1).matches(".*_(TOKEN|SECRET|PASSWORD)"), "a secret in plain Environment: " + names.group(1));
        }
        String readable = String.valueOf(properties("ExecutionRole").get("Policies"));
        for (String parameter : List.of("GitTokenSecretArn", "ApiTokenSecretArn", "WebhookSecretArn", "DatabaseSecretArn")) {
            assertTrue(readable.contains("Ref=" + parameter), "the execution role cannot read " + parameter);
        }
    }

    /** HA mode: the database settings and more than one replica only when DatabaseEndpoint is set. */
    @Test
    void haModeIsConditionalOnTheDatabaseEndpoint() {
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "DatabaseEndpoint"), "")))),
                map(template(), "Conditions").get("HaMode"));
        assertEquals(Map.of("Fn::If", List.of("HaMode", Map.of("Ref", "ReplicaCount"), 1L)), properties("Service").get("DesiredCount"));
        assertEquals(2L, map(template(), "Parameters", "ReplicaCount").get("MinValue"));
        for (Object e : (List<?>) container().get("Environment")) {
            if (String.valueOf(e).contains("DATASOURCE")) {
                assertEquals("HaMode", ((List<?>) map(e).get("Fn::If")).getFirst(), "datasource outside HA mode: " + e);
            }
        }
        // one replica without a database: never two agents at once, even during a deployment
        Map<String, Object> deployment = map(properties("Service"), "DeploymentConfiguration");
        assertEquals(Map.of("Fn::If", List.of("HaMode", 200L, 100L)), deployment.get("MaximumPercent"));
    }

    @Test
    void hasTheParametersTheBriefNames() {
        Map<String, Object> parameters = map(template(), "Parameters");
        for (String p : List.of("ImageUri", "RepositoryUrl", "Branch", "SpecPath", "VpcId", "SubnetIds", "ExistingClusterName",
                "GitTokenSecretArn", "WebhookSecretArn", "ApiTokenSecretArn", "DatabaseEndpoint", "DatabaseSecretArn")) {
            assertTrue(parameters.containsKey(p), "parameter " + p);
        }
        assertEquals("List<AWS::EC2::Subnet::Id>", map(parameters, "SubnetIds").get("Type"));
        assertEquals(Map.of("Fn::If", List.of("CreateCluster", Map.of("Ref", "Cluster"), Map.of("Ref", "ExistingClusterName"))),
                properties("Service").get("Cluster"));
    }
}
