package io.turnout.cloud.sim;

import static io.turnout.cloud.sim.SimEcsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.ChangeInfo;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.RecordChange.Action;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.RecordSetInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimRoute53Test {
    private final SimFixture fx = new SimFixture();
    private final HostedZoneInfo zone = fx.gw.route53().listHostedZonesByName("internal.shop.example").getFirst();

    private static RecordSetInfo weighted(String slot, long weight) {
        return new RecordSetInfo("Catalog.internal.shop.example", "CNAME", "catalog-" + slot, weight, 30,
                List.of("catalog-" + slot + ".svc.shop.local"));
    }

    private List<RecordSetInfo> catalogRecords() {
        return fx.gw.route53().listResourceRecordSets(zone.id()).stream()
                .filter(r -> r.name().equals("catalog.internal.shop.example.")).toList();
    }

    @Test
    void zonesComeWithTheirApexRecordsAndNamesAreNormalised() {
        assertTrue(zone.privateZone());
        assertEquals("internal.shop.example.", zone.name());
        assertTrue(zone.id().matches("Z[A-Z0-9]{20}"), zone.id());
        assertEquals(List.of("NS", "SOA"), fx.gw.route53().listResourceRecordSets("/hostedzone/" + zone.id()).stream()
                .map(RecordSetInfo::type).toList());
        assertEquals(List.of(), fx.gw.route53().listHostedZonesByName("other.example."));
    }

    @Test
    void batchesApplyAtomically() {
        fx.gw.route53().changeResourceRecordSets(zone.id(), List.of(
                new RecordChange(Action.CREATE, weighted("a", 100)), new RecordChange(Action.CREATE, weighted("b", 0))));
        assertEquals(2, catalogRecords().size());

        // The second change is invalid, so the first (a valid UPSERT) must not be applied either.
        CloudException e = assertError("InvalidChangeBatch", () -> fx.gw.route53().changeResourceRecordSets(zone.id(), List.of(
                new RecordChange(Action.UPSERT, weighted("a", 0)), new RecordChange(Action.CREATE, weighted("b", 100)))));
        assertTrue(e.getMessage().contains("but it already exists"), e.getMessage());
        assertEquals(100L, catalogRecords().getFirst().weight());

        CloudException missing = assertError("InvalidChangeBatch", () -> fx.gw.route53().changeResourceRecordSets(zone.id(),
                List.of(new RecordChange(Action.DELETE, new RecordSetInfo("gone.internal.shop.example.", "A", null, null, 60, List.of("10.0.0.1"))))));
        assertTrue(missing.getMessage().contains("but it was not found"), missing.getMessage());
        assertError("InvalidChangeBatch", () -> fx.gw.route53().changeResourceRecordSets(zone.id(),
                List.of(new RecordChange(Action.DELETE, weighted("a", 55)))));
        assertError("InvalidChangeBatch", () -> fx.gw.route53().changeResourceRecordSets(zone.id(),
                List.of(new RecordChange(Action.CREATE, new RecordSetInfo("x.example.com", "A", null, null, 60, List.of("1.2.3.4"))))));
        assertError("InvalidChangeBatch", () -> fx.gw.route53().changeResourceRecordSets(zone.id(), List.of(new RecordChange(Action.CREATE,
                new RecordSetInfo("catalog.internal.shop.example.", "A", null, null, 60, List.of("1.2.3.4"))))));

        // A swap: both weights in one batch.
        fx.gw.route53().changeResourceRecordSets(zone.id(), List.of(
                new RecordChange(Action.UPSERT, weighted("a", 0)), new RecordChange(Action.UPSERT, weighted("b", 100))));
        assertEquals(List.of(0L, 100L), catalogRecords().stream().map(RecordSetInfo::weight).toList());
    }

    @Test
    void changesArePendingThenInSync() {
        ChangeInfo change = fx.gw.route53().changeResourceRecordSets(zone.id(), List.of(new RecordChange(Action.CREATE, weighted("a", 100))));
        assertFalse(change.inSync());
        fx.clock.advance(Duration.ofSeconds(29));
        assertEquals("PENDING", fx.gw.route53().getChange(change.id()).status());
        fx.clock.advance(Duration.ofSeconds(1));
        assertTrue(fx.gw.route53().getChange("/change/" + change.id()).inSync());
    }

    @Test
    void unknownZonesAndChanges() {
        CloudException zoneError = assertError("NoSuchHostedZone", () -> fx.gw.route53().listResourceRecordSets("ZNOPE"));
        assertEquals(404, zoneError.statusCode());
        assertError("NoSuchHostedZone", () -> fx.gw.route53().changeResourceRecordSets("ZNOPE", List.of(new RecordChange(Action.CREATE, weighted("a", 1)))));
        assertError("NoSuchChange", () -> fx.gw.route53().getChange("CNOPE"));
    }
}
