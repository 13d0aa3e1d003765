package io.turnout.cloud;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * CreateService, with the fields Turnout owns as typed values and the rest as the
 * user's {@code settings} (the spec's {@code service} section, overrides applied).
 */
public record CreateServiceRequest(String cluster, String serviceName, String taskDefinition, int desiredCount,
                                   List<LoadBalancerBinding> loadBalancers,
                                   List<ServiceRegistryBinding> serviceRegistries, JsonNode settings,
                                   Map<String, String> tags) {
    public CreateServiceRequest {
        loadBalancers = List.copyOf(loadBalancers);
        serviceRegistries = List.copyOf(serviceRegistries);
        settings = settings.deepCopy();
        tags = Map.copyOf(tags);
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }
}
