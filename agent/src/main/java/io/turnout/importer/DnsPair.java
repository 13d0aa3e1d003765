package io.turnout.importer;

import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.NamespaceInfo;
import io.turnout.cloud.RecordSetInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turnout's DNS blue/green shape around a Cloud Map service: two weighted CNAME records of one
 * name in a Route 53 zone, pointing at it and at a second Cloud Map service of its namespace,
 * their set identifiers {@code <service>-a} and {@code <service>-b} (what Turnout's DNS mode
 * writes; other set identifiers are found but reported, see {@link #turnoutService()}).
 *
 * @param own   the imported service's Cloud Map service, and its record
 * @param other the second Cloud Map service, and its record
 */
record DnsPair(HostedZoneInfo zone, String recordName, long ttl, NamespaceInfo namespace, CloudMapServiceInfo own,
               RecordSetInfo ownRecord, CloudMapServiceInfo other, RecordSetInfo otherRecord) {

    /**
     * The Turnout service name the set identifiers give ({@code catalog} for {@code catalog-a}
     * and {@code catalog-b}), when they follow Turnout's naming.
     */
    Optional<String> turnoutService() {
        String a = ownRecord.setIdentifier();
        String b = otherRecord.setIdentifier();
        if (a == null || b == null || a.length() < 3 || b.length() != a.length()) return Optional.empty();
        String prefix = a.substring(0, a.length() - 2);
        boolean turnout = b.startsWith(prefix) && (a.endsWith("-a") && b.endsWith("-b") || a.endsWith("-b") && b.endsWith("-a"));
        return turnout ? Optional.of(prefix) : Optional.empty();
    }

    /** Whether the own record is slot a's ({@code <service>-a}). */
    boolean ownIsSlotA() {
        return ownRecord.setIdentifier() != null && ownRecord.setIdentifier().endsWith("-a");
    }

    /** The weighted CNAME records of every zone that point at one of {@code services} of {@code namespace}. */
    static Optional<DnsPair> find(CloudMapServiceInfo own, NamespaceInfo namespace, List<CloudMapServiceInfo> services,
                                  List<HostedZoneInfo> zones, Function<HostedZoneInfo, List<RecordSetInfo>> records) {
        for (HostedZoneInfo zone : zones) {
            List<RecordSetInfo> weighted = records.apply(zone).stream()
                    .filter(r -> "CNAME".equals(r.type()) && r.setIdentifier() != null && r.values().size() == 1).toList();
            for (RecordSetInfo mine : weighted) {
                if (!pointsAt(mine, own, namespace)) continue;
                for (RecordSetInfo sibling : weighted) {
                    if (sibling == mine || !absolute(sibling.name()).equals(absolute(mine.name()))) continue;
                    for (CloudMapServiceInfo candidate : services) {
                        if (candidate.arn().equals(own.arn()) || !pointsAt(sibling, candidate, namespace)) continue;
                        return Optional.of(new DnsPair(zone, stripDot(mine.name()), mine.ttl(), namespace, own, mine,
                                candidate, sibling));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean pointsAt(RecordSetInfo record, CloudMapServiceInfo service, NamespaceInfo namespace) {
        return absolute(record.values().getFirst()).equals(absolute(service.name() + "." + namespace.name()));
    }

    static String absolute(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
