package io.turnout.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CloudException.Kind;
import io.turnout.cloud.CloudException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/** The AWS error → {@link Kind} table, with exceptions built as the SDK would unmarshal them. No network. */
class AwsErrorsTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // throttling, whatever the status
                Arguments.of("ThrottlingException", 400, "Rate exceeded", Kind.THROTTLED),
                Arguments.of("Throttling", 400, "Rate exceeded", Kind.THROTTLED),
                Arguments.of("TooManyRequestsException", 400, "slow down", Kind.THROTTLED),
                Arguments.of("RequestLimitExceeded", 400, "Request limit exceeded.", Kind.THROTTLED),
                Arguments.of("PriorRequestNotComplete", 400, "The request was rejected because Route 53 was still processing a prior request.", Kind.THROTTLED),
                Arguments.of("SomethingNew", 429, "", Kind.THROTTLED),
                // 5xx
                Arguments.of("ServerException", 500, "Internal error", Kind.SERVER_ERROR),
                Arguments.of("ServiceUnavailable", 503, "Service unavailable", Kind.SERVER_ERROR),
                Arguments.of("InternalFailure", 500, "", Kind.SERVER_ERROR),
                // denied
                Arguments.of("AccessDeniedException", 400, "User is not authorized to perform ecs:UpdateService", Kind.ACCESS_DENIED),
                Arguments.of("AccessDenied", 403, "not authorized", Kind.ACCESS_DENIED),
                Arguments.of("UnauthorizedOperation", 403, "", Kind.ACCESS_DENIED),
                Arguments.of("SomethingElse", 403, "", Kind.ACCESS_DENIED),
                Arguments.of("UnrecognizedClientException", 400, "The security token included in the request is invalid.", Kind.ACCESS_DENIED),
                Arguments.of("ExpiredTokenException", 400, "The security token included in the request is expired", Kind.ACCESS_DENIED),
                // not found
                Arguments.of("ServiceNotFoundException", 400, "Service not found.", Kind.NOT_FOUND),
                Arguments.of("ClusterNotFoundException", 400, "Cluster not found.", Kind.NOT_FOUND),
                Arguments.of("LoadBalancerNotFound", 400, "One or more load balancers not found", Kind.NOT_FOUND),
                Arguments.of("ListenerNotFound", 400, "", Kind.NOT_FOUND),
                Arguments.of("TargetGroupNotFound", 400, "One or more target groups not found", Kind.NOT_FOUND),
                Arguments.of("RuleNotFound", 400, "", Kind.NOT_FOUND),
                Arguments.of("NoSuchHostedZone", 404, "No hosted zone found with ID: Z1", Kind.NOT_FOUND),
                Arguments.of("NoSuchChange", 404, "", Kind.NOT_FOUND),
                Arguments.of("ObjectNotFoundException", 400, "No scalable target registered", Kind.NOT_FOUND),
                Arguments.of("NamespaceNotFound", 400, "", Kind.NOT_FOUND),
                Arguments.of("ServiceNotFound", 400, "", Kind.NOT_FOUND),
                Arguments.of("ClientException", 400, "Unable to describe task definition.", Kind.NOT_FOUND),
                Arguments.of("SomethingElse", 404, "", Kind.NOT_FOUND),
                // conflict
                Arguments.of("ServiceNotActiveException", 400, "Service was not ACTIVE.", Kind.CONFLICT),
                Arguments.of("ResourceInUse", 400, "Target group is in use", Kind.CONFLICT),
                Arguments.of("ResourceInUseException", 400, "", Kind.CONFLICT),
                Arguments.of("ConcurrentUpdateException", 400, "", Kind.CONFLICT),
                // everything else a 4xx says is the request's fault
                Arguments.of("InvalidParameterException", 400, "Creation of service was not idempotent.", Kind.INVALID_REQUEST),
                Arguments.of("ClientException", 400, "Container.image should not be null or empty.", Kind.INVALID_REQUEST),
                Arguments.of("ValidationError", 400, "1 validation error", Kind.INVALID_REQUEST),
                Arguments.of("ValidationException", 400, "", Kind.INVALID_REQUEST),
                Arguments.of("InvalidChangeBatch", 400, "Tried to create resource record set but it already exists", Kind.INVALID_REQUEST),
                Arguments.of("DuplicateListener", 400, "", Kind.INVALID_REQUEST));
    }

    @ParameterizedTest(name = "{0} HTTP {1} -> {3}")
    @MethodSource("table")
    void classifiesByCodeThenStatus(String code, int status, String message, Kind expected) {
        AwsServiceException e = AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
        CloudException mapped = AwsErrors.fromService(e, "ecs:UpdateService", "service web--a in cluster production");
        assertEquals(expected, mapped.kind());
        assertEquals(code, mapped.errorCode());
        assertEquals(status, mapped.statusCode());
        assertEquals("ecs:UpdateService", mapped.operation());
    }

    @Test
    void serviceSpecificExceptionsKeepCodeMessageAndNameTheResource() {
        ServiceNotFoundException e = ServiceNotFoundException.builder().statusCode(400).requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceNotFoundException")
                        .errorMessage("Service not found.").serviceName("Ecs").build())
                .build();
        CloudException mapped = AwsErrors.fromService(e, "ecs:UpdateService", "service web--a in cluster production");
        assertEquals(Kind.NOT_FOUND, mapped.kind());
        assertEquals("ecs:UpdateService: ServiceNotFoundException: service web--a in cluster production: "
                + "Service not found. (request id req-1)", mapped.getMessage());
        assertTrue(!mapped.retryable());
    }

    @Test
    void ecsClientExceptionForAMissingTaskDefinitionIsNotFound() {
        EcsException e = ClientException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ClientException")
                        .errorMessage("Unable to describe task definition.").build()).build();
        assertEquals(Kind.NOT_FOUND, AwsErrors.fromService(e, "ecs:DescribeTaskDefinition", "task definition web:9").kind());
    }

    @Test
    void xmlServiceErrorsMapByTheirCodeToo() {
        var elb = ElasticLoadBalancingV2Exception.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TargetGroupNotFound")
                        .errorMessage("Target groups 'arn:…/web-x/1' not found").build()).build();
        assertEquals(Kind.NOT_FOUND, AwsErrors.fromService(elb, "elbv2:DescribeTargetHealth", "tg").kind());
        var r53 = Route53Exception.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("PriorRequestNotComplete").errorMessage("busy").build())
                .build();
        CloudException mapped = AwsErrors.fromService(r53, "route53:ChangeResourceRecordSets", "zone Z1");
        assertEquals(Kind.THROTTLED, mapped.kind());
        assertTrue(mapped.retryable());
    }

    @Test
    void noAnswerIsAServerErrorNamingTheEndpoint() {
        var calls = new AwsCalls("ecs", "http://127.0.0.1:1");
        CloudException e = assertThrows(CloudException.class, () -> calls.run("ListServices", "services of cluster staging",
                () -> {
                    throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
                }));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals("ecs:ListServices", e.operation());
        assertEquals(0, e.statusCode());
        assertTrue(e.getMessage().contains("no answer from http://127.0.0.1:1"), e.getMessage());
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        assertTrue(e.retryable());
    }

    @Test
    void aRequestTheSdkModelCannotHoldIsInvalidAndNothingIsSent() {
        var calls = new AwsCalls("ecs", "x");
        CloudException e = assertThrows(CloudException.class, () -> calls.run("RegisterTaskDefinition", "task definition family web",
                () -> {
                    throw new IllegalArgumentException("taskDefinition: unknown member 'famly'");
                }));
        assertEquals(Kind.INVALID_REQUEST, e.kind());
        assertEquals("ParamValidationError", e.errorCode());
        assertTrue(e.nextStep().contains("Nothing was sent to AWS"), e.nextStep());
    }
}
