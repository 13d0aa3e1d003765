/**
 * The state store on a database: an embedded SQLite file in the data directory by default, or
 * PostgreSQL shared by several replicas ({@link io.turnout.state.sql.StateDatabase}: one HikariCP
 * pool, the schema migrated by Flyway from {@code db/turnout/<database>/}); the store itself
 * ({@link io.turnout.state.sql.SqlStateStore}), its journals ({@link io.turnout.state.sql.SqlJournal})
 * and its leases as rows renewed in the background ({@link io.turnout.state.sql.SqlLeases}). The
 * only place JDBC, HikariCP, Flyway and the drivers are used, besides the scheduler handing the
 * pool to Quartz.
 */
package io.turnout.state.sql;
