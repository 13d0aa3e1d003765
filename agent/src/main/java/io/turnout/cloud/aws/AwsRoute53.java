package io.turnout.cloud.aws;

import io.turnout.cloud.ChangeInfo;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.Route53Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** {@link Route53Api} over the SDK's {@link Route53Client}. */
final class AwsRoute53 implements Route53Api {
    private final Route53Client route53;
    private final AwsCalls calls;

    AwsRoute53(Route53Client route53, AwsCalls calls) {
        this.route53 = route53;
        this.calls = calls;
    }

    @Override
    public List<HostedZoneInfo> listHostedZonesByName(String dnsName) {
        String wanted = fqdn(dnsName);
        // ListHostedZonesByName lists zones in name order STARTING at dnsName (not only that
        // name), and the SDK has no paginator for it. Several zones may share a name (a public
        // and a private one), so follow NextDNSName while it is still the wanted name.
        return calls.run("ListHostedZonesByName", "hosted zone " + wanted, () -> {
            List<HostedZoneInfo> zones = new ArrayList<>();
            String nextName = wanted;
            String nextId = null;
            while (true) {
                String name = nextName;
                String id = nextId;
                ListHostedZonesByNameResponse page = route53.listHostedZonesByName(r -> r.dnsName(name).hostedZoneId(id));
                for (HostedZone z : page.hostedZones()) {
                    if (fqdn(z.name()).equals(wanted)) zones.add(info(z));
                }
                boolean more = Boolean.TRUE.equals(page.isTruncated()) && page.nextDNSName() != null
                        && fqdn(page.nextDNSName()).equals(wanted);
                if (!more) return zones;
                nextName = page.nextDNSName();
                nextId = page.nextHostedZoneId();
            }
        });
    }

    @Override
    public List<HostedZoneInfo> listHostedZones() {
        return calls.run("ListHostedZones", "hosted zones", () -> route53.listHostedZonesPaginator(r -> {})
                .hostedZones().stream().map(AwsRoute53::info).toList());
    }

    @Override
    public List<RecordSetInfo> listResourceRecordSets(String hostedZoneId) {
        String zone = zoneId(hostedZoneId);
        return calls.run("ListResourceRecordSets", "hosted zone " + zone,
                () -> route53.listResourceRecordSetsPaginator(r -> r.hostedZoneId(zone)).resourceRecordSets().stream()
                        .map(AwsRoute53::info).toList());
    }

    @Override
    public ChangeInfo changeResourceRecordSets(String hostedZoneId, List<RecordChange> changes) {
        String zone = zoneId(hostedZoneId);
        List<Change> sdkChanges = changes.stream()
                .map(c -> Change.builder().action(c.action().name()).resourceRecordSet(toSdk(c.record())).build())
                .toList();
        return calls.run("ChangeResourceRecordSets", "hosted zone " + zone + " (" + describe(changes) + ")",
                () -> info(route53.changeResourceRecordSets(r -> r.hostedZoneId(zone)
                        .changeBatch(b -> b.comment("turnout").changes(sdkChanges))).changeInfo()));
    }

    @Override
    public ChangeInfo getChange(String changeId) {
        String id = strip(changeId, "/change/");
        return calls.run("GetChange", "change " + id, () -> info(route53.getChange(r -> r.id(id)).changeInfo()));
    }

    // ---- conversions ----

    /** Route 53 answers ids as {@code /hostedzone/Z123} and {@code /change/C123}; the contract uses the bare id. */
    static String zoneId(String id) {
        return strip(id, "/hostedzone/");
    }

    private static String strip(String id, String prefix) {
        return id != null && id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }

    /** Route 53 names are absolute and case-insensitive; it answers them in lower case with the final dot. */
    static String fqdn(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private static HostedZoneInfo info(HostedZone z) {
        boolean isPrivate = z.config() != null && Boolean.TRUE.equals(z.config().privateZone());
        return new HostedZoneInfo(zoneId(z.id()), z.name(), isPrivate);
    }

    private static ChangeInfo info(software.amazon.awssdk.services.route53.model.ChangeInfo c) {
        return new ChangeInfo(strip(c.id(), "/change/"), c.statusAsString());
    }

    private static RecordSetInfo info(ResourceRecordSet r) {
        // Alias records have neither TTL nor values; they are reported with ttl 0 and no values.
        return new RecordSetInfo(r.name(), r.typeAsString(), r.setIdentifier(), r.weight(),
                r.ttl() == null ? 0 : r.ttl(), r.resourceRecords().stream().map(ResourceRecord::value).toList());
    }

    private static ResourceRecordSet toSdk(RecordSetInfo r) {
        ResourceRecordSet.Builder b = ResourceRecordSet.builder().name(r.name()).type(r.type()).ttl(r.ttl())
                .resourceRecords(r.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
        if (r.setIdentifier() != null) b.setIdentifier(r.setIdentifier());
        if (r.weight() != null) b.weight(r.weight());
        return b.build();
    }

    private static String describe(List<RecordChange> changes) {
        return changes.stream()
                .map(c -> c.action() + " " + c.record().name() + " " + c.record().type()
                        + (c.record().setIdentifier() == null ? "" : " [" + c.record().setIdentifier() + "]"))
                .reduce((a, b) -> a + ", " + b).orElse("no changes");
    }
}
