package io.turnout.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.cloud.UpdateServiceRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The gateway against a canned HTTP server on 127.0.0.1: the account guard and how an AWS
 * error answer travels through the real SDK (unmarshalling, stats, mapping).
 */
class AwsGatewayLoopbackTest {
    private HttpServer server;
    private final List<String> bodies = new ArrayList<>();
    private volatile int status = 200;
    private volatile String contentType = "text/xml";
    private volatile String answer = "";
    /** When set, answers by request (path + body) instead of {@link #answer}: for multi-page reads. */
    private volatile java.util.function.Function<String, String> pages;
    private AwsCloudGateway gateway;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(exchange.getRequestURI() + " " + body);
            String reply = pages == null ? answer : pages.apply(exchange.getRequestURI() + " " + body);
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("x-amzn-RequestId", "req-42");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        gateway = new AwsCloudGateway(AwsSettings.of(Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).withEndpointOverride(endpoint));
    }

    @AfterEach
    void stop() {
        gateway.close();
        server.stop(0);
    }

    private void stsAnswersAccount(String account) {
        answer = """
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult>
                    <Arn>arn:aws:iam::%s:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>%s</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>""".formatted(account, account);
    }

    @Test
    void callerAccountIsStsGetCallerIdentity() {
        stsAnswersAccount("111111111111");
        assertEquals("111111111111", gateway.callerAccount());
        assertTrue(bodies.getFirst().contains("Action=GetCallerIdentity"), bodies.getFirst());
        assertEquals(1, gateway.stats().count("sts:GetCallerIdentity"));
    }

    @Test
    void accountGuardRefusesAnotherAccountAndSaysNothingChanged() {
        stsAnswersAccount("111111111111");
        CloudException e = assertThrows(CloudException.class, () ->
                gateway.checkAccount(AwsSettingsTest.env("production", "eu-west-1", "222222222222", null)));
        assertEquals(CloudException.Kind.ACCESS_DENIED, e.kind());
        assertEquals("AccountMismatch", e.errorCode());
        assertTrue(e.getMessage().contains("222222222222") && e.getMessage().contains("111111111111"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was changed"), e.getMessage());
    }

    @Test
    void accountGuardPassesForTheRightAccountAndCostsNothingWithoutOne() {
        stsAnswersAccount("222222222222");
        gateway.checkAccount(AwsSettingsTest.env("production", "eu-west-1", "222222222222", null));
        gateway.checkAccount(AwsSettingsTest.env("dev", "eu-west-1", null, null));
        assertEquals(1, gateway.stats().total());
    }

    @Test
    void anEcsErrorAnswerBecomesNotFoundNamingTheService() {
        status = 400;
        contentType = "application/x-amz-json-1.1";
        answer = "{\"__type\":\"ServiceNotFoundException\",\"message\":\"Service not found.\"}";
        CloudException e = assertThrows(CloudException.class, () -> gateway.ecs().updateService(new UpdateServiceRequest(
                "production", "web--a", Optional.empty(), Optional.of(0), Optional.empty(), false)));
        assertEquals(CloudException.Kind.NOT_FOUND, e.kind());
        assertEquals("ServiceNotFoundException", e.errorCode());
        assertEquals("ecs:UpdateService", e.operation());
        assertTrue(e.getMessage().contains("service web--a in cluster production"), e.getMessage());
        // not retryable, so exactly one request went out and one call is counted
        assertEquals(1, bodies.size());
        assertEquals(1, gateway.stats().count("ecs:UpdateService"));
    }

    @Test
    void updateServiceRefusesCreateOnlySettingsBeforeCalling() {
        var settings = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree("{\"launchType\": \"FARGATE\", \"desiredCount\": 1, \"enableExecuteCommand\": true}");
        CloudException e = assertThrows(CloudException.class, () -> gateway.ecs().updateService(new UpdateServiceRequest(
                "production", "web--a", Optional.empty(), Optional.empty(), Optional.of(settings), false)));
        assertEquals(CloudException.Kind.INVALID_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("UpdateService cannot change launchType"), e.getMessage());
        assertEquals(0, bodies.size());
    }

    @Test
    void moreThanTenServicesIsRefusedBeforeCalling() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 11; i++) names.add("svc-" + i);
        CloudException e = assertThrows(CloudException.class, () -> gateway.ecs().describeServices("production", names));
        assertEquals(CloudException.Kind.INVALID_REQUEST, e.kind());
        assertEquals(0, bodies.size());
        assertEquals(0, gateway.stats().total());
    }

    /**
     * Issue 16: a lifecycle stage, status and strategy newer than SDK 2.40.2 (the PAUSE hooks' stage
     * came in 2.44.8) read as AWS's strings, so a new stage never breaks a plan.
     */
    @Test
    void aServiceDeploymentWithAStageNewerThanTheSdkStillReads() {
        contentType = "application/x-amz-json-1.1";
        answer = """
                {"serviceDeployments": [{"serviceDeploymentArn": "arn:aws:ecs:eu-west-1:1:service-deployment/production/web/abc",
                  "serviceArn": "arn:aws:ecs:eu-west-1:1:service/production/web", "status": "PAUSED_FOR_APPROVAL",
                  "lifecycleStage": "PRE_PRODUCTION_TRAFFIC_SHIFT_PAUSE",
                  "deploymentConfiguration": {"strategy": "SHIFTY", "bakeTimeInMinutes": 5},
                  "sourceServiceRevisions": [{"arn": "arn:rev/1", "requestedTaskCount": 2, "runningTaskCount": 2,
                    "pendingTaskCount": 0, "requestedProductionTrafficWeight": 100.0, "requestedTestTrafficWeight": 0.0}],
                  "targetServiceRevision": {"arn": "arn:rev/2", "requestedTaskCount": 2, "runningTaskCount": 2,
                    "pendingTaskCount": 0, "requestedProductionTrafficWeight": 0.0, "requestedTestTrafficWeight": 100.0}}],
                 "failures": []}""";
        ServiceDeploymentInfo d = gateway.ecs().describeServiceDeployments(
                List.of("arn:aws:ecs:eu-west-1:1:service-deployment/production/web/abc")).getFirst();
        assertEquals("PRE_PRODUCTION_TRAFFIC_SHIFT_PAUSE", d.lifecycleStage());
        assertEquals("PAUSED_FOR_APPROVAL", d.status());
        assertEquals("SHIFTY", d.strategy());
        assertEquals(5, d.bakeTimeInMinutes());
        assertEquals(100.0, d.target().orElseThrow().testTrafficWeight());
        assertEquals(100.0, d.sources().getFirst().productionTrafficWeight());
    }

    @Test
    void listServicesFollowsEveryPage() {
        contentType = "application/x-amz-json-1.1";
        pages = request -> request.contains("\"nextToken\":\"page-2\"")
                ? "{\"serviceArns\":[\"arn:aws:ecs:eu-west-1:1:service/production/c\"]}"
                : "{\"serviceArns\":[\"arn:aws:ecs:eu-west-1:1:service/production/a\",\"arn:aws:ecs:eu-west-1:1:service/production/b\"],"
                  + "\"nextToken\":\"page-2\"}";
        assertEquals(List.of("arn:aws:ecs:eu-west-1:1:service/production/a", "arn:aws:ecs:eu-west-1:1:service/production/b",
                "arn:aws:ecs:eu-west-1:1:service/production/c"), gateway.ecs().listServices("production"));
        assertEquals(2, gateway.stats().count("ecs:ListServices"));
    }

    @Test
    void hostedZonesByNameFollowsPagesWhileTheNameStillMatches() {
        // Two zones share the name (a public and a private one) and the answer is split after the first;
        // the second page also starts the next name, which must not be reported.
        pages = request -> request.contains("hostedzoneid=Z2")
                ? zonesPage(false, null, null, zone("Z2", "shop.example.", true), zone("Z3", "shop2.example.", false))
                : zonesPage(true, "shop.example.", "Z2", zone("Z1", "shop.example.", false));
        assertEquals(List.of(new io.turnout.cloud.HostedZoneInfo("Z1", "shop.example.", false),
                        new io.turnout.cloud.HostedZoneInfo("Z2", "shop.example.", true)),
                gateway.route53().listHostedZonesByName("Shop.Example"));
        assertEquals(2, gateway.stats().count("route53:ListHostedZonesByName"));
    }

    private static String zone(String id, String name, boolean isPrivate) {
        return "<HostedZone><Id>/hostedzone/%s</Id><Name>%s</Name><CallerReference>r</CallerReference>"
                .formatted(id, name)
                + "<Config><PrivateZone>%s</PrivateZone></Config></HostedZone>".formatted(isPrivate);
    }

    private static String zonesPage(boolean truncated, String nextName, String nextId, String... zones) {
        return "<ListHostedZonesByNameResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                + "<HostedZones>" + String.join("", zones) + "</HostedZones>"
                + "<IsTruncated>" + truncated + "</IsTruncated><MaxItems>1</MaxItems>"
                + (nextName == null ? "" : "<NextDNSName>" + nextName + "</NextDNSName><NextHostedZoneId>" + nextId
                        + "</NextHostedZoneId>")
                + "</ListHostedZonesByNameResponse>";
    }

    static final String SERVICE_ANSWER = """
            {"service": {"serviceArn": "arn:aws:ecs:eu-west-1:1:service/production/worker", "serviceName": "worker",
             "clusterArn": "arn:aws:ecs:eu-west-1:1:cluster/production", "status": "ACTIVE", "desiredCount": 1,
             "schedulingStrategy": "DAEMON", "launchType": "EC2",
             "deploymentConfiguration": {"maximumPercent": 100, "minimumHealthyPercent": 0, "strategy": "ROLLING", "bakeTimeInMinutes": 0},
             "deployments": [
               {"id": "ecs-svc/2", "status": "PRIMARY", "taskDefinition": "arn:aws:ecs:eu-west-1:1:task-definition/worker:2",
                "serviceConnectConfiguration": {"enabled": true, "namespace": "shop.local"},
                "vpcLatticeConfigurations": [{"roleArn": "r", "targetGroupArn": "tg", "portName": "http"}]},
               {"id": "ecs-svc/1", "status": "ACTIVE", "taskDefinition": "arn:aws:ecs:eu-west-1:1:task-definition/worker:1",
                "serviceConnectConfiguration": {"enabled": false}}]}}""";

    /** ECS refuses a desired count for a daemon; Service Connect and VPC Lattice are read from the PRIMARY deployment. */
    @Test
    void aDaemonIsCreatedWithoutADesiredCountAndItsDeploymentSettingsAreRead() {
        contentType = "application/x-amz-json-1.1";
        answer = SERVICE_ANSWER;
        var settings = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree("{\"launchType\": \"EC2\", \"schedulingStrategy\": \"DAEMON\"}");
        var info = gateway.ecs().createService(new io.turnout.cloud.CreateServiceRequest("production", "worker", "worker:2", 1,
                List.of(), List.of(), settings, java.util.Map.of()));
        assertTrue(bodies.getFirst().contains("\"schedulingStrategy\":\"DAEMON\""), bodies.getFirst());
        assertTrue(!bodies.getFirst().contains("desiredCount"), bodies.getFirst());
        assertEquals("shop.local", info.settings().at("/serviceConnectConfiguration/namespace").asString());
        assertEquals("http", info.settings().at("/vpcLatticeConfigurations/0/portName").asString());
    }

    @Test
    void aReplicaServiceIsCreatedWithItsDesiredCount() {
        contentType = "application/x-amz-json-1.1";
        answer = SERVICE_ANSWER;
        gateway.ecs().createService(new io.turnout.cloud.CreateServiceRequest("production", "worker", "worker:2", 3,
                List.of(), List.of(), tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), java.util.Map.of()));
        assertTrue(bodies.getFirst().contains("\"desiredCount\":3"), bodies.getFirst());
    }
}
