package io.turnout.cloud.sim;

import io.turnout.cloud.ChangeInfo;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.Route53Api;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Simulated Route 53: hosted zones with their NS and SOA records, record sets changed in
 * atomic batches, and changes that are PENDING for {@code dnsChangeDelay}, then INSYNC.
 */
final class SimRoute53 implements Route53Api {
    private static final Comparator<RecordSetInfo> ORDER = Comparator.comparing(RecordSetInfo::name)
            .thenComparing(RecordSetInfo::type)
            .thenComparing(r -> Objects.requireNonNullElse(r.setIdentifier(), ""));

    private final SimRegion region;
    /** By zone id. */
    final Map<String, Zone> zones = new TreeMap<>();
    private final Map<String, Instant> changes = new TreeMap<>();

    SimRoute53(SimRegion region) {
        this.region = region;
    }

    static final class Zone {
        final String id;
        final String name;
        final boolean privateZone;
        /** By name, type and set identifier. */
        Map<String, RecordSetInfo> records = new TreeMap<>();

        Zone(String id, String name, boolean privateZone) {
            this.id = id;
            this.name = name;
            this.privateZone = privateZone;
        }

        HostedZoneInfo info() {
            return new HostedZoneInfo(id, name, privateZone);
        }

        /** The NS and SOA records every zone has at its apex; not written to world files. */
        boolean isApexDefault(RecordSetInfo r) {
            return r.name().equals(name) && (r.type().equals("NS") || r.type().equals("SOA"));
        }
    }

    void addZone(String name, boolean privateZone) {
        String zoneName = absolute(name);
        if (zones.values().stream().anyMatch(z -> z.name.equals(zoneName) && z.privateZone == privateZone)) {
            throw new IllegalArgumentException((privateZone ? "private" : "public") + " hosted zone " + zoneName + " already exists");
        }
        String id = "Z" + SimIds.upperAlnum(region.account() + "/" + zoneName + "/" + privateZone, 20);
        Zone zone = new Zone(id, zoneName, privateZone);
        String ns = "ns-" + SimIds.digits(id, 4) + ".awsdns-" + SimIds.digits(id + "ns", 2) + ".com.";
        put(zone, new RecordSetInfo(zoneName, "NS", null, null, 172800, List.of(ns)));
        put(zone, new RecordSetInfo(zoneName, "SOA", null, null, 900,
                List.of(ns + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")));
        zones.put(id, zone);
    }

    void putRecord(String zoneName, RecordSetInfo record) {
        String name = absolute(zoneName);
        List<Zone> matching = zones.values().stream().filter(z -> z.name.equals(name)).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException(matching.isEmpty() ? "hosted zone " + name + " is not defined"
                    : "several hosted zones are named " + name + "; records are ambiguous");
        }
        List<String> problems = new ArrayList<>();
        Map<String, RecordSetInfo> copy = new TreeMap<>(matching.getFirst().records);
        apply(matching.getFirst(), copy, new RecordChange(RecordChange.Action.UPSERT, record), problems);
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        matching.getFirst().records = copy;
    }

    @Override
    public List<HostedZoneInfo> listHostedZonesByName(String dnsName) {
        return region.call("route53:ListHostedZonesByName", false, () -> {
            String name = absolute(dnsName);
            return zones.values().stream().filter(z -> z.name.equals(name)).map(Zone::info).toList();
        });
    }

    @Override
    public List<HostedZoneInfo> listHostedZones() {
        // AWS: at most 100 zones per page
        return region.call("route53:ListHostedZones", false, () -> region.paged("route53:ListHostedZones", 100,
                zones.values().stream().map(Zone::info).toList()));
    }

    @Override
    public List<RecordSetInfo> listResourceRecordSets(String hostedZoneId) {
        // AWS: at most 300 record sets per page
        return region.call("route53:ListResourceRecordSets", false, () -> region.paged("route53:ListResourceRecordSets",
                300, zone("route53:ListResourceRecordSets", hostedZoneId).records.values().stream().sorted(ORDER).toList()));
    }

    @Override
    public ChangeInfo changeResourceRecordSets(String hostedZoneId, List<RecordChange> batch) {
        String op = "route53:ChangeResourceRecordSets";
        return region.call(op, true, () -> {
            Zone zone = zone(op, hostedZoneId);
            if (batch.isEmpty()) throw SimErrors.invalid("InvalidChangeBatch", op, "[The change batch is empty]");
            // All or nothing: apply to a copy, and keep it only when every change was valid.
            Map<String, RecordSetInfo> copy = new TreeMap<>(zone.records);
            List<String> problems = new ArrayList<>();
            for (RecordChange change : batch) apply(zone, copy, change, problems);
            if (!problems.isEmpty()) throw SimErrors.invalid("InvalidChangeBatch", op, problems.toString());
            zone.records = copy;
            String id = "C" + SimIds.upperAlnum(zone.id + "/change/" + region.next(), 20);
            changes.put(id, region.now());
            return new ChangeInfo(id, "PENDING");
        });
    }

    @Override
    public ChangeInfo getChange(String changeId) {
        return region.call("route53:GetChange", false, () -> {
            String id = changeId.startsWith("/change/") ? changeId.substring("/change/".length()) : changeId;
            Instant submitted = changes.get(id);
            if (submitted == null) {
                throw SimErrors.notFound404("NoSuchChange", "route53:GetChange",
                        "A change with the specified change ID does not exist: " + changeId);
            }
            boolean synced = !region.now().isBefore(submitted.plus(region.cloud().settings().dnsChangeDelay()));
            return new ChangeInfo(id, synced ? "INSYNC" : "PENDING");
        });
    }

    private static void apply(Zone zone, Map<String, RecordSetInfo> records, RecordChange change, List<String> problems) {
        RecordSetInfo r = change.record();
        RecordSetInfo record = new RecordSetInfo(absolute(r.name()), r.type(), r.setIdentifier(), r.weight(), r.ttl(), r.values());
        String name = record.name();
        String described = "[name='" + name + "', type='" + record.type() + "'"
                + (record.setIdentifier() == null ? "" : ", set-identifier='" + record.setIdentifier() + "'") + "]";
        if (!name.equals(zone.name) && !name.endsWith("." + zone.name)) {
            problems.add("RRSet with DNS name " + name + " is not permitted in zone " + zone.name);
            return;
        }
        if ((record.setIdentifier() == null) != (record.weight() == null)) {
            problems.add("Invalid request: a weighted record needs both SetIdentifier and Weight " + described);
            return;
        }
        if (record.weight() != null && (record.weight() < 0 || record.weight() > 255)) {
            problems.add("Weight must be between 0 and 255 " + described);
            return;
        }
        String key = key(record);
        RecordSetInfo existing = records.get(key);
        switch (change.action()) {
            case CREATE -> {
                if (existing != null) {
                    problems.add("Tried to create resource record set " + described + " but it already exists");
                    return;
                }
            }
            case DELETE -> {
                if (existing == null) {
                    problems.add("Tried to delete resource record set " + described + " but it was not found");
                } else if (!existing.equals(record)) {
                    problems.add("Tried to delete resource record set " + described
                            + " but the values provided do not match the current values");
                } else {
                    records.remove(key);
                }
                return;
            }
            case UPSERT -> { }
        }
        // A CNAME cannot share its name with any other record; weighted and simple records of one name/type cannot mix.
        for (RecordSetInfo other : records.values()) {
            if (!other.name().equals(name) || key(other).equals(key)) continue;
            boolean cnameClash = !other.type().equals(record.type())
                    && (other.type().equals("CNAME") || record.type().equals("CNAME"));
            boolean routingClash = other.type().equals(record.type())
                    && (other.setIdentifier() == null || record.setIdentifier() == null);
            if (cnameClash || routingClash) {
                problems.add("RRSet of type " + record.type() + " with DNS name " + name
                        + " is not permitted as it conflicts with other records with the same DNS name in zone " + zone.name);
                return;
            }
        }
        records.put(key, record);
    }

    private static void put(Zone zone, RecordSetInfo record) {
        zone.records.put(key(record), record);
    }

    private Zone zone(String op, String hostedZoneId) {
        String id = hostedZoneId.startsWith("/hostedzone/") ? hostedZoneId.substring("/hostedzone/".length()) : hostedZoneId;
        Zone zone = zones.get(id);
        if (zone == null) throw SimErrors.notFound404("NoSuchHostedZone", op, "No hosted zone found with ID: " + id);
        return zone;
    }

    private static String key(RecordSetInfo r) {
        return r.name() + "\u0000" + r.type() + "\u0000" + Objects.requireNonNullElse(r.setIdentifier(), "");
    }

    /** Route 53 names are case-insensitive and always answered lower-case with the final dot. */
    static String absolute(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
