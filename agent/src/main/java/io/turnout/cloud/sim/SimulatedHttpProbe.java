package io.turnout.cloud.sim;

import io.turnout.cloud.HttpProbe;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP checks answered by the simulated cloud's load balancers: 200 "ok" while the target
 * group the request is routed to has a healthy target, 503 otherwise. Failures can be
 * injected per path ({@link #failPath}) to test what a failing check does.
 */
public final class SimulatedHttpProbe implements HttpProbe {
    private final SimulatedCloud cloud;
    private final Map<String, Response> failures = new ConcurrentHashMap<>();

    public SimulatedHttpProbe(SimulatedCloud cloud) {
        this.cloud = cloud;
    }

    /** Requests for {@code path} answer {@code status} with {@code body} until {@link #restorePath}. */
    public SimulatedHttpProbe failPath(String path, int status, String body) {
        failures.put(path, new Response(status, body));
        return this;
    }

    public SimulatedHttpProbe restorePath(String path) {
        failures.remove(path);
        return this;
    }

    @Override
    public Response get(URI uri, Duration timeout) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        Response failure = failures.get(path);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        Optional<SimHttpAnswer> answer = cloud.http(uri.getHost(), port, path);
        if (answer.isEmpty()) return new Response(0, "ConnectException: connection refused by " + uri.getHost() + ":" + port);
        if (failure != null) return failure;
        return new Response(answer.get().status(), answer.get().body());
    }
}
