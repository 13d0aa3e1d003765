package io.turnout.state.sql;

import io.turnout.state.Journal;
import io.turnout.state.StateJson;
import io.turnout.state.StateStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * One environment's journal as rows of {@code turnout_journal}, in the order they were appended.
 * An append is one committed transaction (durable when it returns) that first checks this
 * process's lease on the environment, so that only the lease holder ever adds to it.
 */
final class SqlJournal implements Journal {
    private final String environment;
    private final DataSource pool;
    private final SqlLeases leases;

    SqlJournal(String environment, DataSource pool, SqlLeases leases) {
        this.environment = environment;
        this.pool = pool;
        this.leases = leases;
    }

    @Override
    public void append(ObjectNode entry) {
        String json = StateJson.write(entry);
        leases.fenced(environment, c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO turnout_journal (environment, entry) VALUES (?, ?)")) {
                insert.setString(1, environment);
                insert.setString(2, json);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<ObjectNode> entries() {
        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT entry FROM turnout_journal WHERE environment = ? ORDER BY id")) {
            select.setString(1, environment);
            List<ObjectNode> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) entries.add((ObjectNode) StateJson.MAPPER.readTree(rows.getString(1)));
            }
            return entries;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the deployment journal of " + environment, e);
        }
    }
}
