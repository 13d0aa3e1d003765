package io.turnout.live;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.NamespaceInfo;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The DNS side of one environment: ListHostedZonesByName and ListResourceRecordSets once per
 * zone, Cloud Map ListNamespaces once and ListServices once per namespace in use; each
 * service's {@link LiveDns} is then assembled from memory. A missing zone or namespace is an
 * environment problem, named once ({@link #environmentProblems()}).
 */
final class DnsTrafficReads {
    private final Map<String, HostedZoneInfo> zones = new HashMap<>();
    private final Map<String, List<RecordSetInfo>> records = new HashMap<>();
    private final Map<String, NamespaceInfo> namespaces = new HashMap<>();
    private final Map<String, List<CloudMapServiceInfo>> cloudMapServices = new HashMap<>();

    private final List<String> environmentProblems = new ArrayList<>();

    record Result(Optional<LiveDns> traffic, List<String> problems) {}

    DnsTrafficReads(CloudGateway gateway, ReadThrottle throttle, List<DnsTraffic> traffics) {
        if (traffics.isEmpty()) return;
        // Zones concurrently within the Route 53 budget (look-up, then record sets); placed by zone name.
        List<String> zoneNames = List.copyOf(new TreeSet<>(traffics.stream().map(t -> absolute(t.hostedZone())).toList()));
        List<Optional<HostedZoneInfo>> found = throttle.all("route53", zoneNames.stream()
                .<Callable<Optional<HostedZoneInfo>>>map(zoneName -> () -> gateway.route53().listHostedZonesByName(zoneName)
                        .stream().filter(z -> absolute(z.name()).equals(zoneName))
                        // Split-horizon set-ups have a public and a private zone of one name; Cloud Map
                        // targets are internal names, so the private one is the zone Turnout writes.
                        .min(Comparator.comparing((HostedZoneInfo z) -> !z.privateZone()))).toList());
        for (int i = 0; i < zoneNames.size(); i++) {
            String zoneName = zoneNames.get(i);
            found.get(i).ifPresent(z -> zones.put(zoneName, z));
        }
        List<HostedZoneInfo> existing = zoneNames.stream().map(zones::get).filter(Objects::nonNull).toList();
        List<List<RecordSetInfo>> recordSets = throttle.all("route53", existing.stream()
                .<Callable<List<RecordSetInfo>>>map(z -> () -> gateway.route53().listResourceRecordSets(z.id())).toList());
        for (int i = 0; i < existing.size(); i++) records.put(existing.get(i).id(), recordSets.get(i));
        gateway.cloudMap().listNamespaces().forEach(ns -> namespaces.put(ns.name(), ns));
        for (String name : new TreeSet<>(traffics.stream().map(t -> absolute(t.hostedZone())).toList())) {
            if (!zones.containsKey(name)) environmentProblems.add(missingZone(name));
        }
        for (String name : new TreeSet<>(traffics.stream().map(DnsTraffic::namespace).toList())) {
            NamespaceInfo ns = namespaces.get(name);
            if (ns != null) {
                cloudMapServices.put(name, gateway.cloudMap().listServices(ns.id()));
            } else {
                environmentProblems.add(missingNamespace(name));
            }
        }
    }

    /** Missing hosted zones and namespaces, each named once. */
    List<String> environmentProblems() {
        return List.copyOf(environmentProblems);
    }

    private static String missingZone(String name) {
        return "hosted zone " + name + " not found: create it, or fix dns.hostedZone of the services that name it";
    }

    private static String missingNamespace(String name) {
        return "Cloud Map namespace " + name + " not found: create it with the services' Cloud Map services,"
                + " or fix dns.namespace of the services that name it";
    }

    Result traffic(String service, DnsTraffic t) {
        List<String> problems = new ArrayList<>();
        HostedZoneInfo zone = zones.get(absolute(t.hostedZone()));
        if (zone == null) problems.add(missingZone(absolute(t.hostedZone())));
        CloudMapServiceInfo a = null;
        CloudMapServiceInfo b = null;
        if (!namespaces.containsKey(t.namespace())) {
            problems.add(missingNamespace(t.namespace()));
        } else {
            a = cloudMapService(t, Slot.A, problems);
            b = cloudMapService(t, Slot.B, problems);
        }
        if (zone == null || a == null || b == null) return new Result(Optional.empty(), problems);
        String recordName = absolute(t.recordName());
        List<RecordSetInfo> named = records.get(zone.id()).stream()
                .filter(r -> absolute(r.name()).equals(recordName)).toList();
        return new Result(Optional.of(new LiveDns(zone, record(named, service, Slot.A), record(named, service, Slot.B),
                new SlotPair<>(a, b))), problems);
    }

    private CloudMapServiceInfo cloudMapService(DnsTraffic t, Slot slot, List<String> problems) {
        String name = t.cloudMapServices().get(slot);
        Optional<CloudMapServiceInfo> found = cloudMapServices.getOrDefault(t.namespace(), List.of()).stream()
                .filter(s -> s.name().equals(name)).findFirst();
        if (found.isEmpty()) problems.add("Cloud Map service " + name + " not found in namespace " + t.namespace());
        return found.orElse(null);
    }

    /** The weighted record of a slot: set identifier {@code <service>-a} / {@code <service>-b}. */
    private static Optional<RecordSetInfo> record(List<RecordSetInfo> named, String service, Slot slot) {
        String id = service + "-" + slot.id();
        return named.stream().filter(r -> id.equals(r.setIdentifier())).findFirst();
    }

    static String absolute(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
