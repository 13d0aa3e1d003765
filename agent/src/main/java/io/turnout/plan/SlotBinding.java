package io.turnout.plan;

import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.ServiceRegistryBinding;
import java.util.Optional;

/**
 * What a slot's ECS service is attached to: a target group (ELB mode) or a Cloud Map
 * service (DNS mode), by name for people and as the binding CreateService takes.
 */
public record SlotBinding(String name, Optional<LoadBalancerBinding> loadBalancer,
                          Optional<ServiceRegistryBinding> serviceRegistry) {
    public static SlotBinding targetGroup(String name, LoadBalancerBinding binding) {
        return new SlotBinding(name, Optional.of(binding), Optional.empty());
    }

    public static SlotBinding cloudMapService(String name, ServiceRegistryBinding binding) {
        return new SlotBinding(name, Optional.empty(), Optional.of(binding));
    }

    public String describe() {
        return (loadBalancer.isPresent() ? "target group " : "Cloud Map service ") + name;
    }
}
