package io.turnout.plan;

import io.turnout.diff.Change;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.spec.CodeDeploy;
import io.turnout.spec.SingleService;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Services of AWS's own deployment engines ({@code strategy.ecs}: ECS blue/green, linear,
 * canary; {@code strategy.codeDeploy}). This version of Turnout reads and compares them — so an
 * imported repository plans in sync — but cannot deploy them: a service that differs from its
 * spec, or does not exist, is a problem that says so, and nothing is planned for it.
 */
final class AwsEnginePlanner {
    private AwsEnginePlanner() {}

    static Outcome plan(DesiredService desired, SingleService strategy, LiveService live) {
        String name = desired.name();
        String ecsName = strategy.ecsServiceName(name);
        String engine = engine(strategy);
        if (live.single().isEmpty()) {
            return Outcome.problem(name, "ECS service " + ecsName + " not found, and " + engine + " is not deployable"
                    + " by this version of Turnout yet: create the service with " + engine + " yourself, or choose"
                    + " strategy blueGreen or rolling");
        }
        LiveSlot current = live.single().get();
        SlotComparison comparison = SlotComparison.of(desired, current, Optional.empty());
        Optional<String> image = Images.of(desired, current, null);
        if (!comparison.isEmpty()) {
            String fields = comparison.all().stream().map(Change::path).collect(Collectors.joining(", "));
            return Outcome.problem(name, "the spec differs from ECS service " + ecsName + " (" + fields + "), but "
                    + engine + " is not deployable by this version of Turnout yet: deploy the change with " + engine
                    + " itself, or keep the spec as AWS has it");
        }
        return Outcome.of(new ServicePlan(name, PlanKind.IN_SYNC, strategy instanceof CodeDeploy ? "codeDeploy" : "ecs",
                List.of(), List.of(), image, image,
                List.of(engine + ": Turnout compares this service but does not deploy it yet")));
    }

    private static String engine(SingleService strategy) {
        return strategy instanceof CodeDeploy ? "strategy codeDeploy (a CodeDeploy deployment group)"
                : "strategy ecs (ECS's own deployment engine)";
    }
}
