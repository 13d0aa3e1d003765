package io.turnout.cloud.sim;

import io.turnout.cloud.CloudMapApi;
import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.NamespaceInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Simulated AWS Cloud Map: namespaces and their services (instances are not modelled; nothing reads them). */
final class SimCloudMap implements CloudMapApi {
    private final SimRegion region;
    /** By name. */
    final Map<String, NamespaceInfo> namespaces = new TreeMap<>();
    /** By namespace id, then service name. */
    final Map<String, Map<String, CloudMapServiceInfo>> services = new TreeMap<>();

    SimCloudMap(SimRegion region) {
        this.region = region;
    }

    void addNamespace(String name, String type) {
        if (!Set.of("DNS_PRIVATE", "DNS_PUBLIC", "HTTP").contains(type)) {
            throw new IllegalArgumentException("namespace type must be DNS_PRIVATE, DNS_PUBLIC or HTTP, was " + type);
        }
        if (namespaces.containsKey(name)) throw new IllegalArgumentException("namespace " + name + " already exists");
        String id = "ns-" + SimIds.upperAlnum(region.account() + "/" + region.region() + "/ns/" + name, 16).toLowerCase(Locale.ROOT);
        namespaces.put(name, new NamespaceInfo(id, region.arn("servicediscovery", "namespace/" + id), name, type));
        services.put(id, new TreeMap<>());
    }

    void addService(String namespace, String name) {
        NamespaceInfo ns = namespaces.get(namespace);
        if (ns == null) throw new IllegalArgumentException("namespace " + namespace + " is not defined");
        if (services.get(ns.id()).containsKey(name)) {
            throw new IllegalArgumentException("Cloud Map service " + name + " already exists in " + namespace);
        }
        String id = "srv-" + SimIds.upperAlnum(ns.id() + "/srv/" + name, 16).toLowerCase(Locale.ROOT);
        services.get(ns.id()).put(name, new CloudMapServiceInfo(id, region.arn("servicediscovery", "service/" + id), name, ns.id()));
    }

    @Override
    public List<NamespaceInfo> listNamespaces() {
        // at most 100 per page (the AWS gateway asks for 100, the maximum)
        return region.call("servicediscovery:ListNamespaces", false,
                () -> region.paged("servicediscovery:ListNamespaces", 100, List.copyOf(namespaces.values())));
    }

    @Override
    public List<CloudMapServiceInfo> listServices(String namespaceId) {
        // Filtering by an unknown namespace id matches nothing; AWS answers with an empty list, not an error.
        return region.call("servicediscovery:ListServices", false,
                () -> region.paged("servicediscovery:ListServices", 100,
                        List.copyOf(services.getOrDefault(namespaceId, Map.of()).values())));
    }

    Optional<CloudMapServiceInfo> serviceByArn(String arn) {
        return services.values().stream().flatMap(m -> m.values().stream()).filter(s -> s.arn().equals(arn)).findFirst();
    }

    Optional<NamespaceInfo> namespaceById(String id) {
        return namespaces.values().stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
