package io.turnout.cloud.sim;

import io.turnout.cloud.CloudException.Kind;
import io.turnout.cloud.CloudException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Failures on demand, for every partition of one {@link SimulatedCloud}. Call faults are
 * consumed in the order they were added: each call takes the first matching fault that has
 * calls left, so a test that adds "throttle 2, then 5xx 1" sees exactly that sequence.
 * Every call counts in {@link io.turnout.cloud.CallStats} whether or not a fault fails it.
 */
public final class SimulatedFaults {
    private final List<CallFault> callFaults = new ArrayList<>();
    private final Set<String> unhealthyTargetGroups = new HashSet<>();
    private final Set<String> failingServices = new HashSet<>();
    private final TreeSet<Long> failingMutations = new TreeSet<>();
    private final Set<String> failingHooks = new HashSet<>();
    private final Set<String> stalledStages = new HashSet<>();
    private final Map<String, Integer> httpStatuses = new HashMap<>();
    private final Map<String, SimOneOffTask.Ending> oneOffEndings = new HashMap<>();
    private long mutatingCalls;

    private static final class CallFault {
        final String operation; // null: any operation
        final Kind kind;
        int remaining;

        CallFault(String operation, Kind kind, int remaining) {
            this.operation = operation;
            this.kind = kind;
            this.remaining = remaining;
        }
    }

    /** The next {@code times} calls of {@code operation} ({@code ecs:DescribeServices}; null for any) fail with ThrottlingException (429). */
    public synchronized SimulatedFaults throttle(String operation, int times) {
        callFaults.add(new CallFault(operation, Kind.THROTTLED, positive(times)));
        return this;
    }

    /** The next {@code times} calls of {@code operation} (null for any) fail with ServerException (503). */
    public synchronized SimulatedFaults serverError(String operation, int times) {
        callFaults.add(new CallFault(operation, Kind.SERVER_ERROR, positive(times)));
        return this;
    }

    /**
     * The next {@code times} calls of {@code operation} (null for any) fail with AccessDeniedException
     * (400), as for a role whose policy lacks the action. Terminal: never retried.
     */
    public synchronized SimulatedFaults deny(String operation, int times) {
        callFaults.add(new CallFault(operation, Kind.ACCESS_DENIED, positive(times)));
        return this;
    }

    /**
     * The {@code n}-th mutating call from now (1 = the next one) fails with ServerException
     * (500) before it changes anything. Calls failed by a throttle or 5xx fault do not count.
     */
    public synchronized SimulatedFaults failNthMutatingCall(int n) {
        failingMutations.add(mutatingCalls + positive(n));
        return this;
    }

    /** Targets of this target group (by name) fail their health checks until {@link #restoreHealthChecks}. */
    public synchronized SimulatedFaults failHealthChecks(String targetGroupName) {
        unhealthyTargetGroups.add(targetGroupName);
        return this;
    }

    public synchronized SimulatedFaults restoreHealthChecks(String targetGroupName) {
        unhealthyTargetGroups.remove(targetGroupName);
        return this;
    }

    /** Tasks of ECS services with this name (in any cluster) stop while starting until {@link #restoreTaskStarts}. */
    public synchronized SimulatedFaults failTaskStarts(String ecsServiceName) {
        failingServices.add(ecsServiceName);
        return this;
    }

    public synchronized SimulatedFaults restoreTaskStarts(String ecsServiceName) {
        failingServices.remove(ecsServiceName);
        return this;
    }

    /**
     * One-off tasks (RunTask) of this task definition family stop with {@code exitCode}
     * instead of 0 until {@link #restoreOneOffTasks}.
     */
    public synchronized SimulatedFaults failOneOffTasks(String family, int exitCode) {
        oneOffEndings.put(family, SimOneOffTask.Ending.exit(exitCode));
        return this;
    }

    /**
     * One-off tasks of this family stop before their container runs (no exit code), with
     * {@code reason} as ECS's stopped reason (e.g. CannotPullContainerError: …), until {@link #restoreOneOffTasks}.
     */
    public synchronized SimulatedFaults stopOneOffTasks(String family, String reason) {
        oneOffEndings.put(family, SimOneOffTask.Ending.failToStart(reason));
        return this;
    }

    /** One-off tasks of this family run and never stop (a migration that hangs), until {@link #restoreOneOffTasks}. */
    public synchronized SimulatedFaults hangOneOffTasks(String family) {
        oneOffEndings.put(family, SimOneOffTask.Ending.NEVER);
        return this;
    }

    public synchronized SimulatedFaults restoreOneOffTasks(String family) {
        oneOffEndings.remove(family);
        return this;
    }

    /**
     * Lambda lifecycle hooks with this function name or ARN (ECS's {@code hookTargetArn}, an AppSpec
     * hook) fail until {@link #restoreHook}: the deployment that runs them is rolled back.
     */
    public synchronized SimulatedFaults failHook(String function) {
        failingHooks.add(function);
        return this;
    }

    public synchronized SimulatedFaults restoreHook(String function) {
        failingHooks.remove(function);
        return this;
    }

    /**
     * ECS service deployments of this service (by name) stay in lifecycle stage {@code stage}
     * (e.g. TEST_TRAFFIC_SHIFT) until {@link #unstall}: a stage that does not move.
     */
    public synchronized SimulatedFaults stallStage(String ecsServiceName, String stage) {
        stalledStages.add(ecsServiceName + "/" + stage);
        return this;
    }

    public synchronized SimulatedFaults unstall(String ecsServiceName, String stage) {
        stalledStages.remove(ecsServiceName + "/" + stage);
        return this;
    }

    /**
     * HTTP requests the simulated load balancer sends to this target group (by name) answer
     * {@code status} until {@link #restoreHttp}, while its targets stay healthy: an application
     * that runs but answers wrongly, which only Turnout's HTTP checks find.
     */
    public synchronized SimulatedFaults failHttp(String targetGroupName, int status) {
        httpStatuses.put(targetGroupName, status);
        return this;
    }

    public synchronized SimulatedFaults restoreHttp(String targetGroupName) {
        httpStatuses.remove(targetGroupName);
        return this;
    }

    /** Removes every fault. */
    public synchronized void clear() {
        failingHooks.clear();
        stalledStages.clear();
        httpStatuses.clear();
        callFaults.clear();
        unhealthyTargetGroups.clear();
        failingServices.clear();
        failingMutations.clear();
        oneOffEndings.clear();
    }

    /** Called at the start of every simulated call; throws the fault's error if one applies. */
    synchronized void beforeCall(String operation, boolean mutating) {
        for (Iterator<CallFault> it = callFaults.iterator(); it.hasNext(); ) {
            CallFault fault = it.next();
            if (fault.operation != null && !fault.operation.equals(operation)) continue;
            fault.remaining--;
            if (fault.remaining == 0) it.remove();
            if (fault.kind == Kind.THROTTLED) {
                throw new CloudException(Kind.THROTTLED, "ThrottlingException", operation, 429, "Rate exceeded");
            }
            if (fault.kind == Kind.ACCESS_DENIED) {
                throw new CloudException(Kind.ACCESS_DENIED, "AccessDeniedException", operation, 400,
                        "User is not authorized to perform: " + operation + " (simulated fault)");
            }
            throw new CloudException(Kind.SERVER_ERROR, "ServerException", operation, 503,
                    "Service unavailable (simulated fault)");
        }
        if (mutating) {
            mutatingCalls++;
            if (failingMutations.remove(mutatingCalls)) {
                throw new CloudException(Kind.SERVER_ERROR, "ServerException", operation, 500,
                        "Internal failure (simulated fault on mutating call #" + mutatingCalls + ")");
            }
        }
    }

    synchronized boolean targetsFail(String targetGroupName) {
        return unhealthyTargetGroups.contains(targetGroupName);
    }

    synchronized SimOneOffTask.Ending oneOffTaskEnding(String family) {
        return oneOffEndings.getOrDefault(family, SimOneOffTask.Ending.exit(0));
    }

    /** Whether a hook of {@code function} fails; a function named by ARN also matches its name alone. */
    synchronized boolean hookFails(String function) {
        String name = function.substring(function.lastIndexOf(':') + 1);
        return failingHooks.contains(function) || failingHooks.contains(name);
    }

    synchronized boolean stalled(String ecsServiceName, String stage) {
        return stalledStages.contains(ecsServiceName + "/" + stage);
    }

    synchronized Integer httpStatus(String targetGroupName) {
        return httpStatuses.get(targetGroupName);
    }

    synchronized boolean tasksFail(String ecsServiceName) {
        return failingServices.contains(ecsServiceName);
    }

    private static int positive(int n) {
        if (n < 1) throw new IllegalArgumentException("a fault needs a count of at least 1, was " + n);
        return n;
    }
}
