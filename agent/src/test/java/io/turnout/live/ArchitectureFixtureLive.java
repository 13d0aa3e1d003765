package io.turnout.live;

import io.micronaut.context.ApplicationContext;
import io.turnout.bench.AwsMinimum;
import io.turnout.plan.ArchitectureFixturePlan;
import org.eclipse.jgit.lib.ObjectId;
import org.quartz.JobKey;
import software.amazon.awssdk.regions.Region;

/**
 * Breaks every architecture rule on purpose, for {@code ArchitectureTest}'s test of its rules
 * only (test sources, never imported with the main classes): the live package uses the plan
 * package above it, which uses this one back (a cycle), and AWS SDK, JGit, Micronaut and Quartz
 * types and the benchmarks are used where none of them belongs.
 */
public final class ArchitectureFixtureLive {
    Region region;
    ObjectId commit;
    ApplicationContext context;
    JobKey job;
    AwsMinimum minimum;

    ArchitectureFixturePlan upwards() {
        return new ArchitectureFixturePlan();
    }
}
