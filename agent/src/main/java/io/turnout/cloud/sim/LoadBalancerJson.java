package io.turnout.cloud.sim;

import io.turnout.cloud.LoadBalancerBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** CreateService's {@code loadBalancers} JSON (with {@code advancedConfiguration}) as bindings, refused as ECS refuses it. */
final class LoadBalancerJson {
    private LoadBalancerJson() {}

    static List<LoadBalancerBinding> bindings(JsonNode list, String op) {
        if (list == null || list.isNull() || list.isMissingNode()) return List.of();
        if (!list.isArray()) throw ServiceSettings.invalid(op, "loadBalancers must be a list");
        List<LoadBalancerBinding> bindings = new ArrayList<>();
        for (JsonNode lb : list) {
            if (!lb.path("targetGroupArn").isString()) {
                throw ServiceSettings.invalid(op, "the simulated cloud takes load balancers by targetGroupArn (no Classic Load Balancers)");
            }
            JsonNode a = lb.path("advancedConfiguration");
            Optional<LoadBalancerBinding.AdvancedConfiguration> advanced = a.isObject()
                    ? Optional.of(new LoadBalancerBinding.AdvancedConfiguration(a.path("alternateTargetGroupArn").asString(null),
                    a.path("productionListenerRule").asString(null), a.path("testListenerRule").asString(null),
                    a.path("roleArn").asString(null)))
                    : Optional.empty();
            if (advanced.isPresent() && (advanced.get().alternateTargetGroupArn() == null || advanced.get().productionListenerRule() == null)) {
                throw ServiceSettings.invalid(op, "advancedConfiguration needs alternateTargetGroupArn and productionListenerRule");
            }
            bindings.add(new LoadBalancerBinding(lb.path("targetGroupArn").asString(), lb.path("containerName").asString(""),
                    lb.path("containerPort").asInt(0), advanced));
        }
        return List.copyOf(bindings);
    }
}
