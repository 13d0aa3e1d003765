package io.turnout.cloud;

import java.util.List;

/** Amazon Route 53, as far as Turnout uses it. Operation names in stats are {@code route53:<Operation>}. */
public interface Route53Api {
    /** ListHostedZonesByName: zones whose name is {@code dnsName} (with or without the final dot). */
    List<HostedZoneInfo> listHostedZonesByName(String dnsName);

    /** ListHostedZones, all pages: every zone of the account (for {@code turnout import}, which does not know the zone's name). */
    List<HostedZoneInfo> listHostedZones();

    /** ListResourceRecordSets of a zone, all pages. NoSuchHostedZone when absent. */
    List<RecordSetInfo> listResourceRecordSets(String hostedZoneId);

    /**
     * ChangeResourceRecordSets: all changes apply atomically or none does
     * (InvalidChangeBatch, INVALID_REQUEST). The change starts PENDING.
     */
    ChangeInfo changeResourceRecordSets(String hostedZoneId, List<RecordChange> changes);

    /** GetChange: PENDING until the change has propagated, then INSYNC. NoSuchChange when unknown. */
    ChangeInfo getChange(String changeId);
}
