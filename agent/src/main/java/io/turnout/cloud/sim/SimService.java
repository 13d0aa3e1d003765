package io.turnout.cloud.sim;

import io.turnout.cloud.EcsDeployment;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.ServiceRegistryBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mutable state of one simulated ECS service: its deployments (index 0 is PRIMARY) and
 * their tasks. Only {@link DeploymentEngine} moves tasks and deployments along.
 */
final class SimService {
    final String cluster;
    final String name;
    final String arn;
    final String clusterArn;
    String status = "ACTIVE";
    String taskDefinitionArn;
    int desiredCount;
    List<LoadBalancerBinding> loadBalancers;
    List<ServiceRegistryBinding> serviceRegistries;
    final Map<String, String> tags = new TreeMap<>();
    ObjectNode settings;
    /** PRIMARY first, then ACTIVE ones (older, draining). */
    final List<Deployment> deployments = new ArrayList<>();
    /** The task definition of the last deployment that COMPLETED: where the circuit breaker rolls back to. */
    String lastCompletedTaskDefinitionArn;
    /** ECS or CODE_DEPLOY (from CreateService's deploymentController). */
    String deploymentController = "ECS";

    SimService(String cluster, String name, String arn, String clusterArn) {
        this.cluster = cluster;
        this.name = name;
        this.arn = arn;
        this.clusterArn = clusterArn;
    }

    Deployment primary() {
        return deployments.getFirst();
    }

    /** One deployment: a task definition and the tasks started for it. */
    static final class Deployment {
        final String id;
        final String taskDefinitionArn;
        /**
         * The target groups this deployment's tasks register in: the service's when it started, or,
         * for ECS's and CodeDeploy's blue/green, the other target group of each pair.
         */
        List<LoadBalancerBinding> loadBalancers;
        final Instant createdAt;
        String rolloutState = "IN_PROGRESS";
        String rolloutStateReason;
        final List<Task> tasks = new ArrayList<>();
        int failedTasks;
        /** Started by the circuit breaker to go back to the last completed task definition. */
        boolean rollback;
        /** A failed deployment launches nothing more. */
        boolean halted;
        /**
         * Finished by a deployment engine of AWS's (ECS blue/green, CodeDeploy) rather than by
         * reaching steady state: the new tasks do not replace the old ones until that engine says so.
         */
        boolean controlled;
        /** The service revision it deploys (ARN). */
        String revisionArn;

        Deployment(String id, String taskDefinitionArn, List<LoadBalancerBinding> loadBalancers, Instant createdAt) {
            this.id = id;
            this.taskDefinitionArn = taskDefinitionArn;
            this.loadBalancers = List.copyOf(loadBalancers);
            this.createdAt = createdAt;
            this.rolloutStateReason = "ECS deployment " + id + " in progress.";
        }

        long running() {
            return tasks.stream().filter(t -> t.running).count();
        }

        long pending() {
            return tasks.stream().filter(t -> !t.running).count();
        }
    }

    /** A task: PENDING until {@code startsAt}, then RUNNING (or stopped, if a fault makes it fail). */
    static final class Task {
        final String id;
        final String ip;
        final Instant startsAt;
        boolean running;

        Task(String id, String ip, Instant startsAt) {
            this.id = id;
            this.ip = ip;
            this.startsAt = startsAt;
        }
    }

    EcsServiceInfo info() {
        List<EcsDeployment> shown = new ArrayList<>();
        int running = 0;
        int pending = 0;
        for (int i = 0; i < deployments.size(); i++) {
            Deployment d = deployments.get(i);
            int r = (int) d.running();
            int p = (int) d.pending();
            running += r;
            pending += p;
            // An ACTIVE (draining) deployment's desired count is what it still runs.
            int desired = i == 0 ? desiredCount : d.tasks.size();
            shown.add(new EcsDeployment(d.id, i == 0 ? "PRIMARY" : "ACTIVE", d.taskDefinitionArn, desired, p, r,
                    d.rolloutState, d.rolloutStateReason));
        }
        return new EcsServiceInfo(arn, name, clusterArn, status, taskDefinitionArn, desiredCount, running, pending,
                loadBalancers, serviceRegistries, shown, tags, settings);
    }
}
