package io.turnout.live;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.EcsServiceInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * DescribeServices of the first ECS services to read (BLUE slots, rolling services), started
 * while the traffic is still being read: names come in as each load balancer's traffic is known,
 * and every 10 of them go out as one call at once. So the ECS reads overlap the ELB reads instead
 * of waiting for the last load balancer, and the number of calls stays ceil(names / 10) whatever
 * the order names arrive in. Every call first waits for the cluster check: with no cluster, none
 * is made.
 */
final class BlueSlotReads implements AutoCloseable {
    private static final int BATCH = 10;

    private final CloudGateway gateway;
    private final ReadThrottle throttle;
    private final String cluster;
    private final CompletableFuture<Boolean> clusterExists;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> pending = new ArrayList<>();
    private final Set<String> submitted = new HashSet<>();
    private final List<CompletableFuture<List<EcsServiceInfo>>> calls = new ArrayList<>();

    BlueSlotReads(CloudGateway gateway, ReadThrottle throttle, String cluster, CompletableFuture<Boolean> clusterExists) {
        this.gateway = gateway;
        this.throttle = throttle;
        this.cluster = cluster;
        this.clusterExists = clusterExists;
    }

    /** Names to describe; those already asked for are skipped. Full batches are sent at once. */
    synchronized void add(Collection<String> names) {
        for (String name : names) if (submitted.add(name)) pending.add(name);
        while (pending.size() >= BATCH) {
            List<String> batch = List.copyOf(pending.subList(0, BATCH));
            pending.subList(0, BATCH).clear();
            send(batch);
        }
    }

    /** Sends the last, partial batch; then waits for every call: the ACTIVE services by name. */
    Map<String, EcsServiceInfo> finish() {
        List<CompletableFuture<List<EcsServiceInfo>>> all;
        synchronized (this) {
            if (!pending.isEmpty()) send(List.copyOf(pending));
            pending.clear();
            all = List.copyOf(calls);
        }
        Map<String, EcsServiceInfo> found = new HashMap<>();
        RuntimeException failure = null;
        for (CompletableFuture<List<EcsServiceInfo>> call : all) {
            try {
                for (EcsServiceInfo s : call.join()) {
                    // A deleted service stays visible as DRAINING, then INACTIVE, for a while: it is gone for Turnout.
                    if ("ACTIVE".equals(s.status())) found.put(s.name(), s);
                }
            } catch (CompletionException e) {
                if (failure == null) failure = e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (failure != null) throw failure;
        return found;
    }

    private void send(List<String> batch) {
        calls.add(CompletableFuture.supplyAsync(() -> {
            if (!clusterExists.join()) return List.of();
            // Unknown names come back as failures (reason MISSING): absent, not an error.
            return throttle.all("ecs", List.<Callable<List<EcsServiceInfo>>>of(
                    () -> gateway.ecs().describeServices(cluster, batch).services())).getFirst();
        }, executor));
    }

    @Override
    public void close() {
        executor.close();
    }
}
