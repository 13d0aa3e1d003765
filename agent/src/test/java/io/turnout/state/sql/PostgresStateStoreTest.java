package io.turnout.state.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The store several replicas share: PostgreSQL (embedded in tests). */
class PostgresStateStoreTest extends SqlStateStoreContract {
    @Override
    String freshLocation() {
        return TestPostgres.freshDatabase();
    }

    @Override
    StateDatabase open(String location) {
        return StateDatabase.postgres(location, "postgres", null, 4);
    }

    @Test
    void theSchemaHoldsQuartzsJobStoreAndOpeningItAgainChangesNothing() throws Exception {
        String url = freshLocation();
        try (StateDatabase first = open(url)) {
            assertTrue(first.shared());
        }
        try (StateDatabase again = open(url); Connection c = again.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM turnout_schema_history WHERE success")) {
                rows.next();
                assertEquals(4, rows.getInt(1), "the state store, Quartz's job store, the environments of repositories, the services of each outcome");
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM qrtz_job_details")) {
                rows.next();
                assertEquals(0, rows.getInt(1));
            }
        }
    }

    @Test
    void aDatabaseAnOlderTurnoutSetUpForQuartzMigratesAsItIs() throws Exception {
        String url = freshLocation();
        // what Turnout created before the state store: Quartz's tables, no Flyway history
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE qrtz_locks (sched_name VARCHAR(120) NOT NULL, lock_name VARCHAR(40) NOT NULL, PRIMARY KEY (sched_name, lock_name))");
            s.execute("INSERT INTO qrtz_locks VALUES ('turnout', 'TRIGGER_ACCESS')");
        }
        try (SqlStateStore store = new SqlStateStore(open(url), "upgraded", LEASE, 10, InstantSource.system());
             Connection c = store.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM qrtz_locks")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "kept");
            assertEquals(java.util.Set.of(), store.environments());
        }
    }
}
