package io.turnout.cloud.sim;

import io.turnout.cloud.CloudException.Kind;
import io.turnout.cloud.CloudException;

/** The errors AWS answers with, by kind, with the HTTP status each service uses. */
final class SimErrors {
    private SimErrors() {}

    static CloudException notFound(String code, String operation, String message) {
        return new CloudException(Kind.NOT_FOUND, code, operation, 400, message);
    }

    /** Route 53 answers NoSuchHostedZone / NoSuchChange with 404, unlike the JSON-protocol services. */
    static CloudException notFound404(String code, String operation, String message) {
        return new CloudException(Kind.NOT_FOUND, code, operation, 404, message);
    }

    static CloudException invalid(String code, String operation, String message) {
        return new CloudException(Kind.INVALID_REQUEST, code, operation, 400, message);
    }

    static CloudException conflict(String code, String operation, String message) {
        return new CloudException(Kind.CONFLICT, code, operation, 400, message);
    }
}
