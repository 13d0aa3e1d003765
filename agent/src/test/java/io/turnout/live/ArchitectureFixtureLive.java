package io.turnout.live;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.turnout.bench.AwsMinimum;
import io.turnout.plan.ArchitectureFixturePlan;
import java.sql.Connection;
import org.eclipse.jgit.lib.ObjectId;
import org.flywaydb.core.Flyway;
import org.quartz.JobKey;
import org.sqlite.SQLiteConfig;
import software.amazon.awssdk.regions.Region;

/**
 * Breaks every architecture rule on purpose, for {@code ArchitectureTest}'s test of its rules
 * only (test sources, never imported with the main classes): the live package uses the plan
 * package above it, which uses this one back (a cycle), and AWS SDK, JGit, Micronaut, Quartz, JDBC,
 * HikariCP, Flyway and SQLite types and the benchmarks are used where none of them belongs.
 */
public final class ArchitectureFixtureLive {
    Region region;
    ObjectId commit;
    ApplicationContext context;
    JobKey job;
    AwsMinimum minimum;
    Connection connection;
    HikariDataSource pool;
    Flyway flyway;
    SQLiteConfig sqlite;

    ArchitectureFixturePlan upwards() {
        return new ArchitectureFixturePlan();
    }
}
