package io.turnout.reconcile;

import io.turnout.apply.ApplyResult;
import io.turnout.apply.FileJournal;
import io.turnout.apply.PlanExecutor;
import io.turnout.apply.Progress;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.spec.EnvironmentSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out plans for one environment through the {@link PlanExecutor}, with the journal under
 * the data directory ({@code <dataDir>/journal/<env>.jsonl}) so that a deployment interrupted by
 * a crash is resumed or rolled back when the agent starts again ({@link #recover}).
 */
final class Deployer {
    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

    private final CloudAccess cloud;
    private final Path dataDir;

    Deployer(CloudAccess cloud, Path dataDir) {
        this.cloud = cloud;
        this.dataDir = dataDir;
    }

    private PlanExecutor executor(EnvironmentSpec environment) {
        String name = environment.name();
        Progress progress = message -> LOG.info("{}: {}", name, message);
        return PlanExecutor.builder(cloud.gatewayFor(environment), environment)
                .journal(new FileJournal(dataDir, name))
                .progress(progress)
                .time(cloud.clock(), cloud.sleeper())
                .httpProbe(cloud.httpProbe())
                .build();
    }

    /** Resumes or rolls back what an earlier process left unfinished in the journal; empty when nothing was. */
    Optional<ApplyResult> recover(EnvironmentSpec environment) {
        PlanExecutor executor = executor(environment);
        if (!executor.hasUnfinishedDeployment()) return Optional.empty();
        LOG.warn("{}: the journal holds an unfinished deployment from an earlier run; resuming or rolling it back", environment.name());
        return executor.recover();
    }

    /** Applies {@code plan}; {@code live} must have been read just before. */
    ApplyResult apply(EnvironmentSpec environment, Plan plan, LiveState live) {
        return executor(environment).apply(plan, live);
    }
}
