package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ListenerInfo;
import io.turnout.plan.Step;
import io.turnout.plan.Verify;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DESIGN.md's invariant 1, checked after every step of a deployment on the simulated cloud:
 * every ECS service with tasks in the target group the prod listener forwards to either served
 * production before the deployment began, or passed its Verify step of this deployment. So no
 * unverified task is ever behind production, whatever the slots are called or where production
 * pointed first.
 */
final class ProductionGuard implements Progress {
    private final SimWorld world;
    private final String loadBalancer;
    private final int prodPort;
    private final Set<String> allowed = new HashSet<>();
    final List<String> checked = new ArrayList<>();

    ProductionGuard(SimWorld world, String loadBalancer, int prodPort) {
        this.world = world;
        this.loadBalancer = loadBalancer;
        this.prodPort = prodPort;
        allowed.addAll(behindProduction());
    }

    @Override
    public void line(String message) {
        world.lines.add(message);
    }

    @Override
    public void stepFinished(int index, Step step) {
        if (step instanceof Verify v) allowed.add(v.ecsServiceName());
        List<String> behind = behindProduction();
        for (String service : behind) {
            assertTrue(allowed.contains(service), "after step " + (index + 1) + " (" + step.describe() + "): " + service
                    + " has tasks behind production but was never verified (verified or serving before: " + allowed + ")\n"
                    + String.join("\n", world.lines));
        }
        checked.add(step.describe());
    }

    /** The ECS services with tasks (running or starting) in the target group production forwards to. */
    List<String> behindProduction() {
        CloudGateway gw = world.gateway();
        String lbArn = gw.elb().describeLoadBalancers(List.of(loadBalancer)).getFirst().arn();
        String prodGroup = gw.elb().describeListeners(lbArn).stream().filter(l -> l.port() == prodPort)
                .map(ListenerInfo::forwardTargetGroupArn).findFirst().orElse(null);
        if (prodGroup == null) return List.of();
        String cluster = world.env().cluster();
        List<String> names = gw.ecs().listServices(cluster).stream().map(a -> a.substring(a.lastIndexOf('/') + 1)).toList();
        List<String> behind = new ArrayList<>();
        for (int i = 0; i < names.size(); i += 10) {
            for (EcsServiceInfo s : gw.ecs().describeServices(cluster, names.subList(i, Math.min(names.size(), i + 10))).services()) {
                boolean bound = s.loadBalancers().stream().anyMatch(b -> prodGroup.equals(b.targetGroupArn()));
                if (bound && s.runningCount() + s.pendingCount() > 0) behind.add(s.name());
            }
        }
        return behind;
    }
}
