package io.turnout.plan;

import io.turnout.diff.Normalizer;
import io.turnout.live.LiveDns;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.live.LiveState;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.CodeDeploy;
import io.turnout.spec.EcsNative;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.Rolling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the plan for one environment from the desired services and the live state. Pure:
 * no I/O, no clock; services come out sorted by name, so the same input gives the same plan.
 *
 * <p>Per service: live problems (missing infrastructure) become {@link PlanProblem}s and no
 * steps; blue/green services go to {@link BlueGreenPlanner}, rolling ones to
 * {@link RollingPlanner}; services AWS has tagged for this environment that the specs no
 * longer name are reported as {@link PlanKind#LEFT_ALONE} and never touched.
 */
public final class Planner {

    public Plan plan(EnvironmentSpec env, List<EffectiveService> desired, LiveState live, Optional<String> commit) {
        if (!env.name().equals(live.environment())) {
            throw new IllegalArgumentException("live state is of environment '" + live.environment()
                    + "' but the plan is for '" + env.name() + "': read the live state of the same environment");
        }
        PlanContext context = new PlanContext(env, commit);
        Map<String, EffectiveService> byName = new TreeMap<>();
        for (EffectiveService service : desired) {
            if (!service.environment().equals(env.name())) {
                throw new IllegalArgumentException("service " + service.name() + " was resolved for environment '"
                        + service.environment() + "', not '" + env.name() + "'");
            }
            if (byName.put(service.name(), service) != null) {
                throw new IllegalArgumentException("service " + service.name() + " is given twice");
            }
        }
        List<ServicePlan> plans = new ArrayList<>();
        // Problems of the environment (missing cluster, load balancer, zone …) are named once,
        // however many services they block; the services they block are listed after them.
        List<PlanProblem> problems = new ArrayList<>(environmentProblems(context, live));
        for (EffectiveService service : byName.values()) {
            Outcome outcome = planService(context, service, live);
            outcome.plan().map(p -> p.withDependsOn(service.dependsOn())).ifPresent(plans::add);
            problems.addAll(outcome.problems());
        }
        Set<String> specified = byName.keySet();
        live.services().values().stream()
                .filter(s -> !specified.contains(s.name()))
                .map(s -> leftAlone(env, s))
                .forEach(plans::add);
        plans.sort(Comparator.comparing(ServicePlan::service));
        return new Plan(env.name(), commit, plans, problems);
    }

    private static List<PlanProblem> environmentProblems(PlanContext context, LiveState live) {
        List<PlanProblem> problems = new ArrayList<>();
        if (!live.clusterExists()) {
            problems.add(PlanProblem.environment("ECS cluster " + live.cluster() + " not found (or not ACTIVE) in "
                    + context.environment().aws().region() + ": create it, or fix spec.cluster of environment "
                    + context.environment().name()));
        }
        live.problems().forEach(p -> problems.add(PlanProblem.environment(p)));
        return problems;
    }

    private static Outcome planService(PlanContext context, EffectiveService service, LiveState live) {
        String name = service.name();
        Optional<LiveService> liveService = live.service(name);
        List<String> ownProblems = liveService.map(LiveService::problems).orElse(List.of()).stream()
                .filter(p -> !live.problems().contains(p)).toList();
        boolean blocked = !live.clusterExists() || liveService.map(LiveService::problems).orElse(List.of()).stream()
                .anyMatch(live.problems()::contains);
        if (blocked || !ownProblems.isEmpty()) {
            List<PlanProblem> problems = new ArrayList<>(ownProblems.stream()
                    .map(p -> new PlanProblem(name, p + ": nothing is planned for this service until it is fixed"))
                    .toList());
            if (blocked) problems.add(new PlanProblem(name, "not planned until the environment's problems above are fixed"));
            return Outcome.problems(problems);
        }
        LiveService current = liveService.orElse(new LiveService(name, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Set.of(), service.strategy() instanceof BlueGreen bg
                        ? bg.ecsServiceNames(name) : null));
        return switch (service.strategy()) {
            case BlueGreen bg -> new BlueGreenPlanner(context).plan(DesiredService.of(service, null), bg, current);
            case Rolling r -> new RollingPlanner(context)
                    .plan(DesiredService.of(service, RollingPlanner.strategySettings(r)), r, current);
            case EcsNative e -> new EcsEnginePlanner(context).plan(DesiredService.of(service, null), e, current);
            case CodeDeploy c -> new CodeDeployPlanner(context).plan(DesiredService.of(service, null), c, current);
        };
    }

    private static ServicePlan leftAlone(EnvironmentSpec env, LiveService live) {
        String mode = live.traffic().map(t -> switch (t) {
            case LiveElb e -> "elb";
            case LiveDns d -> "dns";
        }).orElse("rolling");
        Optional<LiveSlot> serving = live.blue().flatMap(live::slot).or(live::single).or(live::a).or(live::b);
        Optional<String> image = serving.filter(s -> s.taskDefinition() != null).flatMap(s -> Images.of(
                Normalizer.taskDefinition(s.taskDefinition().definition()), null));
        String ecsServices = Stream.of(live.a(), live.b(), live.single())
                .flatMap(Optional::stream).map(s -> s.service().name()).collect(Collectors.joining(", "));
        return new ServicePlan(live.name(), PlanKind.LEFT_ALONE, mode, List.of(), List.of(), image, Optional.empty(),
                List.of("tagged for " + env.name() + " in AWS but not in the specs: left alone ("
                        + (ecsServices.isEmpty() ? "no ECS service" : ecsServices)
                        + "); Turnout never deletes services, remove them by hand if they are gone for good"));
    }
}
