package io.turnout.reconcile;

import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.CloudGateway;
import io.turnout.events.DeploymentEvent.CloudCallsCounted;
import io.turnout.events.DeploymentEvent.ServicesRead;
import io.turnout.events.DeploymentEvents;
import io.turnout.pipeline.PlanningStep;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The reconciler's reads of one environment: the planning step on the environment's gateway, with
 * the AWS calls it made published for the metrics and the colours it saw published for the status.
 * A routine read skips what the planner does not need (the GREEN slots whose BLUE's tags vouch for
 * the desired spec); the first read of the process and the read after a deployment read every slot,
 * so that the status knows each GREEN slot's image and tasks (whether a fast rollback is there).
 * Not thread-safe: one reconcile of an environment runs at a time.
 */
final class LiveReads {
    private final String environment;
    private final CloudAccess cloud;
    private final PlanningStep planning;
    private final DeploymentEvents events;
    private final InstantSource wallClock;
    private boolean readEverySlot = true;

    LiveReads(String environment, CloudAccess cloud, PlanningStep planning, DeploymentEvents events, InstantSource wallClock) {
        this.environment = environment;
        this.cloud = cloud;
        this.planning = planning;
        this.events = events;
        this.wallClock = wallClock;
    }

    /** Reads live state and plans {@code tree} against it, for {@code commit}. */
    PlanningStep.Planned plan(EnvironmentSpec spec, SpecTree tree, Optional<String> commit) {
        CloudGateway gateway = cloud.gatewayFor(spec);
        try {
            if (!readEverySlot) return planning.plan(gateway, spec, tree, commit);
            PlanningStep.Planned planned = planning.planReadingEverySlot(gateway, spec, tree, commit);
            readEverySlot = false;
            return planned;
        } finally {
            callsCounted(gateway);
        }
    }

    /** Reads and plans as {@link #plan}, and publishes the colours it saw. */
    PlanningStep.Planned planAndShow(EnvironmentSpec spec, SpecTree tree, Optional<String> commit) {
        PlanningStep.Planned planned = plan(spec, tree, commit);
        show(planned, spec, tree);
        return planned;
    }

    /** Reads every slot again (the cloud changed: a deployment, a recovery) and publishes the colours. */
    void refresh(EnvironmentSpec spec, SpecTree tree, String commit) {
        readEverySlot = true;
        planAndShow(spec, tree, Optional.of(commit));
    }

    /** The next read reads every slot. */
    void readEverySlotNext() {
        readEverySlot = true;
    }

    /** Publishes the AWS calls made through {@code gateway} so far, for the metrics. */
    void callsCounted(CloudGateway gateway) {
        events.publish(new CloudCallsCounted(environment, wallClock.instant(), gateway.stats()));
    }

    private void show(PlanningStep.Planned planned, EnvironmentSpec spec, SpecTree tree) {
        events.publish(new ServicesRead(environment, wallClock.instant(),
                PlanFacts.services(planned.plan(), planned.live(), tree.servicesIn(spec)), PlanFacts.greenNotRead(planned.live())));
    }
}
