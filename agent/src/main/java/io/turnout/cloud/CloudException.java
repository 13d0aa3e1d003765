package io.turnout.cloud;

import io.turnout.error.TurnoutException;

/**
 * A failed cloud call, classified so callers can tell terminal errors (fix the spec or the
 * permissions) from transient ones (retry with jitter). The message names the operation, the AWS
 * error code and the resource; {@link #nextStep()} says what to do, when the gateway knows.
 *
 * @see Kind
 */
public class CloudException extends TurnoutException {
    /** What kind of failure, which decides whether retrying can help. */
    public enum Kind {
        /** The named resource does not exist (ServiceNotFoundException, TargetGroupNotFound, NoSuchHostedZone …). Terminal. */
        NOT_FOUND,
        /** The request was refused as malformed or contradictory (InvalidParameterException, ValidationError). Terminal. */
        INVALID_REQUEST,
        /** The caller may not do this (AccessDeniedException). Terminal. */
        ACCESS_DENIED,
        /** Rate exceeded (ThrottlingException, Throttling, PriorRequestNotComplete). Transient. */
        THROTTLED,
        /** AWS failed (HTTP 5xx, ServiceUnavailable, ServerException). Transient. */
        SERVER_ERROR,
        /** The resource is in a state that forbids this now (ResourceInUse, ServiceNotActiveException). Transient. */
        CONFLICT
    }

    private final Kind kind;
    private final String errorCode;
    private final String operation;
    private final int statusCode;

    /**
     * @param kind       the classification
     * @param errorCode  the AWS error code, e.g. {@code ServiceNotFoundException}
     * @param operation  the operation, e.g. {@code ecs:UpdateService}
     * @param statusCode the HTTP status AWS answers with (400, 404, 429, 500, 503 …)
     * @param message    what failed, naming the resource
     */
    public CloudException(Kind kind, String errorCode, String operation, int statusCode, String message) {
        this(kind, errorCode, operation, statusCode, message, "");
    }

    /** As above, with what to do about it (the AWS gateway says it per kind: {@code AwsErrors}). */
    public CloudException(Kind kind, String errorCode, String operation, int statusCode, String message, String nextStep) {
        super(operation + ": " + errorCode + ": " + message, nextStep);
        this.kind = kind;
        this.errorCode = errorCode;
        this.operation = operation;
        this.statusCode = statusCode;
    }

    public Kind kind() {
        return kind;
    }

    public String errorCode() {
        return errorCode;
    }

    public String operation() {
        return operation;
    }

    public int statusCode() {
        return statusCode;
    }

    /** Throttling, 5xx and conflicts may succeed if tried again later; the rest never will. */
    public boolean retryable() {
        return kind == Kind.THROTTLED || kind == Kind.SERVER_ERROR || kind == Kind.CONFLICT;
    }
}
