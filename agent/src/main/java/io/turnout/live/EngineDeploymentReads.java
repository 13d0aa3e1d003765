package io.turnout.live;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CodeDeployDeploymentInfo;
import io.turnout.cloud.CodeDeployTarget;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.cloud.ServiceRevisionInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.spec.AwsEngine;
import io.turnout.spec.CodeDeploy;
import io.turnout.spec.EcsNative;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The deployments AWS's own engines are carrying out, read only where one can be under way:
 * <ul>
 *   <li>{@code strategy: ecs}: when DescribeServices shows the service is not steady (a second
 *       deployment, or the PRIMARY one IN_PROGRESS — ECS keeps both during the bake time), the
 *       newest active service deployment (ListServiceDeployments, DescribeServiceDeployments) and
 *       the task definitions of its two revisions (DescribeServiceRevisions). A steady service
 *       costs nothing more than its DescribeServices.</li>
 *   <li>{@code strategy: codeDeploy} naming its deployment group: the group's active deployment (ListDeployments,
 *       always: a CODE_DEPLOY service can look steady while CodeDeploy shifts traffic between task
 *       sets), then GetDeployment and its ECS target (lifecycle events, task set weights).</li>
 * </ul>
 * Both revisions' task definitions are read in full by the caller, so a plan can tell a revert
 * (the desired definition is the one traffic moves away from) from a new change.
 */
final class EngineDeploymentReads {
    private final CloudGateway gateway;
    private final ReadThrottle throttle;
    private final String cluster;

    EngineDeploymentReads(CloudGateway gateway, ReadThrottle throttle, String cluster) {
        this.gateway = gateway;
        this.throttle = throttle;
        this.cluster = cluster;
    }

    /** What an engine deployment names before its task definitions are read: ids and the two task definition ARNs. */
    record Found(String engine, String id, String status, String stage, String strategy, Optional<String> sourceArn,
                 Optional<String> targetArn, Optional<Double> productionWeight, Optional<Double> testWeight,
                 Instant startedAt) {
        EngineDeployment with(Map<String, TaskDefinitionInfo> taskDefinitions) {
            return new EngineDeployment(engine, id, status, stage, strategy, sourceArn.map(taskDefinitions::get),
                    targetArn.map(taskDefinitions::get), productionWeight, testWeight, startedAt);
        }
    }

    /** The engine's deployment under way for one service, if any ({@code service} empty: the ECS service does not exist). */
    Optional<Found> read(AwsEngine engine, String ecsName, Optional<EcsServiceInfo> service) {
        return switch (engine) {
            case EcsNative e -> service.filter(s -> !s.steady()).flatMap(s -> ecs(ecsName));
            // without its deployment group (a spec import wrote from files) there is nothing to list: the plan
            // compares the service only, and refuses to deploy a change to it
            case CodeDeploy c -> c.group().flatMap(g -> service.flatMap(s -> codeDeploy(g, s)));
        };
    }

    private Optional<Found> ecs(String ecsName) {
        List<String> arns = one(() -> gateway.ecs().listServiceDeployments(cluster, ecsName,
                List.copyOf(ServiceDeploymentInfo.ACTIVE_STATUSES.stream().sorted().toList())));
        if (arns.isEmpty()) return Optional.empty();
        Optional<ServiceDeploymentInfo> newest = one(() -> gateway.ecs().describeServiceDeployments(List.of(arns.getFirst())))
                .stream().findFirst();
        if (newest.isEmpty()) return Optional.empty();
        ServiceDeploymentInfo d = newest.get();
        List<String> revisions = new ArrayList<>();
        d.sources().stream().findFirst().ifPresent(r -> revisions.add(r.arn()));
        d.target().ifPresent(r -> revisions.add(r.arn()));
        Map<String, String> taskDefinitions = revisions.isEmpty() ? Map.of() : one(() -> gateway.ecs()
                .describeServiceRevisions(revisions)).stream()
                .collect(Collectors.toMap(ServiceRevisionInfo::arn, ServiceRevisionInfo::taskDefinitionArn));
        Optional<String> source = d.sources().stream().findFirst().map(r -> taskDefinitions.get(r.arn()));
        Optional<String> target = d.target().map(r -> taskDefinitions.get(r.arn()));
        return Optional.of(new Found("ecs", d.arn(), d.status(), d.lifecycleStage(), d.strategy(), source, target,
                d.target().map(ServiceDeploymentInfo.Revision::productionTrafficWeight),
                d.target().map(ServiceDeploymentInfo.Revision::testTrafficWeight), d.createdAt()));
    }

    private Optional<Found> codeDeploy(CodeDeploy.Group group, EcsServiceInfo service) {
        List<String> ids = one(() -> gateway.codeDeploy().listDeployments(group.application(), group.deploymentGroup(),
                CodeDeployDeploymentInfo.ACTIVE_STATUSES.stream().sorted().toList()));
        if (ids.isEmpty()) return Optional.empty();
        CodeDeployDeploymentInfo d = one(() -> gateway.codeDeploy().getDeployment(ids.getFirst()));
        List<CodeDeployTarget> targets = one(() -> gateway.codeDeploy().deploymentTargets(d.id()));
        Optional<CodeDeployTarget> target = targets.stream().findFirst();
        Optional<Double> green = target.flatMap(t -> t.taskSets().stream().filter(s -> "Green".equals(s.label())).findFirst())
                .map(CodeDeployTarget.TaskSet::trafficWeight);
        String stage = target.flatMap(CodeDeployTarget::currentEvent).orElse(null);
        // the service reports the original task set's definition until production moved
        String source = target.flatMap(t -> t.taskSets().stream().filter(s -> "Blue".equals(s.label())).findFirst())
                .map(CodeDeployTarget.TaskSet::taskDefinitionArn).orElse(null);
        Optional<String> sourceArn = Optional.ofNullable(source).or(() -> d.taskDefinitionArn().equals(Optional.of(service.taskDefinitionArn()))
                ? Optional.empty() : Optional.of(service.taskDefinitionArn()));
        return Optional.of(new Found("codeDeploy", d.id(), d.status(), stage, d.deploymentConfigName(), sourceArn,
                d.taskDefinitionArn(), green, Optional.empty(), d.createTime()));
    }

    private <T> T one(Callable<T> call) {
        return throttle.all("ecs", List.of(call)).getFirst();
    }

    /** The task definition ARNs the found deployments name, for the caller to describe. */
    static List<String> taskDefinitionArns(Iterable<Found> found) {
        List<String> arns = new ArrayList<>();
        for (Found f : found) {
            f.sourceArn().ifPresent(arns::add);
            f.targetArn().ifPresent(arns::add);
        }
        return arns;
    }
}
