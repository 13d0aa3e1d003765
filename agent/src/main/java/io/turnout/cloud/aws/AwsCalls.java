package io.turnout.cloud.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs one gateway operation against one AWS service and translates whatever goes wrong into
 * a {@link io.turnout.cloud.CloudException}. Paginated reads run entirely inside
 * {@link #run}: the SDK paginators fetch lazily, so a throttled third page fails here too.
 *
 * @param service  the stats prefix of the service, e.g. {@code ecs}, {@code elbv2}
 * @param endpoint how to name the endpoint in "no answer" errors
 */
record AwsCalls(String service, String endpoint) {
    <T> T run(String operation, String resource, Supplier<T> call) {
        String op = service + ":" + operation;
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw AwsErrors.fromService(e, op, resource);
        } catch (SdkClientException e) {
            throw AwsErrors.fromClient(e, op, resource, endpoint);
        } catch (IllegalArgumentException e) {
            // SdkJson could not turn the spec's JSON into the SDK request: nothing was sent.
            throw AwsErrors.invalidRequest(e, op, resource);
        }
    }

    void runVoid(String operation, String resource, Runnable call) {
        run(operation, resource, () -> {
            call.run();
            return null;
        });
    }
}
