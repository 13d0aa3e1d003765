package io.turnout.cloud.aws;

import io.turnout.cloud.CloudException.Kind;
import io.turnout.cloud.CloudException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns SDK exceptions into {@link CloudException}s. The kind decides whether the caller
 * retries (throttling, 5xx, conflicts) or stops and reports (not found, invalid, denied), so
 * the classification follows AWS's error codes first and the HTTP status second: several
 * services answer "not found" with 400 (ECS, ELB, Auto Scaling) and Route 53 throttles with 400
 * {@code PriorRequestNotComplete}.
 */
final class AwsErrors {
    private AwsErrors() {}

    /** The SDK's own throttling codes plus the ones each of our services uses. */
    private static final Set<String> THROTTLING = Set.of(
            "ThrottlingException", "Throttling", "ThrottledException", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
            "PriorRequestNotComplete", "BandwidthLimitExceeded", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "EC2ThrottledException");

    /**
     * Not-found codes that do not follow the *NotFound / NoSuch* naming (CodeDeploy says
     * "…DoesNotExistException").
     */
    private static final Set<String> NOT_FOUND = Set.of("ObjectNotFoundException", "NoSuchChange",
            "ApplicationDoesNotExistException", "DeploymentGroupDoesNotExistException", "DeploymentDoesNotExistException",
            "DeploymentTargetDoesNotExistException");

    /**
     * Credential failures: not "403 AccessDenied" by name, but just as terminal: retrying with the
     * same credentials cannot help (JSON protocols answer UnrecognizedClientException with 400).
     */
    private static final Set<String> ACCESS_DENIED = Set.of(
            "UnauthorizedOperation", "UnauthorizedException", "UnrecognizedClientException",
            "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
            "MissingAuthenticationToken", "IncompleteSignature", "AuthFailure", "OptInRequired");

    /** "The resource is busy now" codes: the same request can succeed once the other work ends. */
    private static final Set<String> CONFLICT = Set.of(
            "ServiceNotActiveException", "UpdateInProgressException", "ConcurrentUpdateException",
            "ConcurrentModification", "ConcurrentModificationException", "OperationInProgress");

    /**
     * The kind for an AWS error code, HTTP status and message. Order matters: a 503
     * {@code SlowDown} is throttling, not a server error; ECS says "task definition not found"
     * with the generic 400 {@code ClientException} and only its message tells.
     */
    static Kind classify(String errorCode, int status, String message) {
        String code = errorCode == null ? "" : errorCode;
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (THROTTLING.contains(code) || status == 429) return Kind.THROTTLED;
        if (status >= 500) return Kind.SERVER_ERROR;
        if (code.startsWith("AccessDenied") || ACCESS_DENIED.contains(code) || status == 403) return Kind.ACCESS_DENIED;
        if (NOT_FOUND.contains(code) || code.endsWith("NotFound") || code.endsWith("NotFoundException")
                || code.startsWith("NoSuch")) {
            return Kind.NOT_FOUND;
        }
        // ECS: DescribeTaskDefinition of an unknown revision is ClientException
        // "Unable to describe task definition."; an unknown cluster in some calls is
        // ClientException "...cluster not found" rather than ClusterNotFoundException.
        if ("ClientException".equals(code)
                && (text.contains("unable to describe task definition") || text.contains("not found"))) {
            return Kind.NOT_FOUND;
        }
        if (CONFLICT.contains(code) || code.startsWith("ResourceInUse")) return Kind.CONFLICT;
        if (status == 404) return Kind.NOT_FOUND;
        return Kind.INVALID_REQUEST;
    }

    /** An AWS error answer, for {@code operation} ({@code ecs:UpdateService}) on {@code resource}. */
    static CloudException fromService(AwsServiceException e, String operation, String resource) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "HTTP" + e.statusCode() : details.errorCode();
        String awsMessage = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
        Kind kind = e.isThrottlingException() ? Kind.THROTTLED : classify(code, e.statusCode(), awsMessage);
        String requestId = e.requestId() == null ? "" : " (request id " + e.requestId() + ")";
        return new CloudException(kind, code, operation, e.statusCode(), resource + ": " + awsMessage + requestId, nextStep(kind));
    }

    /**
     * No AWS answer at all (connection refused, DNS, timeout, credentials not found). Treated as
     * a transient server error: the endpoint may come back. The endpoint is named so a wrong
     * {@code AWS_ENDPOINT_URL} is obvious.
     */
    static CloudException fromClient(SdkClientException e, String operation, String resource, String endpoint) {
        return new CloudException(Kind.SERVER_ERROR, e.getClass().getSimpleName(), operation, 0,
                resource + ": no answer from " + endpoint + ": " + e.getMessage(), nextStep(Kind.SERVER_ERROR));
    }

    /** A request that cannot be sent as given (bad JSON for an SDK model), caught before calling AWS. */
    static CloudException invalidRequest(IllegalArgumentException e, String operation, String resource) {
        return new CloudException(Kind.INVALID_REQUEST, "ParamValidationError", operation, 0, resource + ": " + e.getMessage(),
                "Nothing was sent to AWS; fix the spec.");
    }

    /** What to do about a failure of {@code kind}: the exception's next step ("" when the message says it all). */
    static String nextStep(Kind kind) {
        return switch (kind) {
            case THROTTLED -> "AWS is rate-limiting this account; the SDK already retried adaptively. Retry later.";
            case SERVER_ERROR -> "This is usually transient; retry later.";
            case ACCESS_DENIED -> "Check the credentials and the IAM policy of the role Turnout runs as.";
            case CONFLICT -> "Another change is in progress on this resource; retry once it completes.";
            case NOT_FOUND, INVALID_REQUEST -> "";
        };
    }
}
