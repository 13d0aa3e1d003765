package io.turnout.cloud.aws;

import io.turnout.cloud.CodeDeployApi;
import io.turnout.cloud.CodeDeployDeploymentInfo;
import io.turnout.cloud.CodeDeployTarget;
import io.turnout.cloud.DeploymentGroupInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.ECSTarget;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupPairInfo;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoute;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link CodeDeployApi} over the SDK's {@link CodeDeployClient}; statuses through the {@code …AsString()} getters. */
final class AwsCodeDeploy implements CodeDeployApi {
    /** BatchGetDeploymentTargets takes at most 25 target ids per call. */
    private static final int TARGETS_PER_BATCH = 25;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CodeDeployClient codeDeploy;
    private final AwsCalls calls;

    AwsCodeDeploy(CodeDeployClient codeDeploy, AwsCalls calls) {
        this.codeDeploy = codeDeploy;
        this.calls = calls;
    }

    @Override
    public DeploymentGroupInfo getDeploymentGroup(String application, String deploymentGroup) {
        return calls.run("GetDeploymentGroup", "deployment group " + deploymentGroup + " of application " + application, () -> {
            var group = codeDeploy.getDeploymentGroup(r -> r.applicationName(application).deploymentGroupName(deploymentGroup))
                    .deploymentGroupInfo();
            List<DeploymentGroupInfo.TargetGroupPair> pairs = new ArrayList<>();
            if (group.loadBalancerInfo() != null) {
                for (TargetGroupPairInfo p : group.loadBalancerInfo().targetGroupPairInfoList()) {
                    pairs.add(new DeploymentGroupInfo.TargetGroupPair(p.targetGroups().stream().map(TargetGroupInfo::name).toList(),
                            listeners(p.prodTrafficRoute()), listeners(p.testTrafficRoute())));
                }
            }
            boolean autoRollback = group.autoRollbackConfiguration() != null
                    && Boolean.TRUE.equals(group.autoRollbackConfiguration().enabled());
            return new DeploymentGroupInfo(group.applicationName(), group.deploymentGroupName(), group.deploymentConfigName(),
                    group.serviceRoleArn(), group.ecsServices().stream()
                    .map(s -> new DeploymentGroupInfo.EcsServiceRef(s.clusterName(), s.serviceName())).toList(), pairs, autoRollback);
        });
    }

    private static List<String> listeners(TrafficRoute route) {
        return route == null ? List.of() : route.listenerArns();
    }

    @Override
    public String createDeployment(CreateDeploymentRequest request) {
        return calls.run("CreateDeployment", "deployment group " + request.deploymentGroup() + " of application "
                + request.application(), () -> codeDeploy.createDeployment(r -> {
            r.applicationName(request.application()).deploymentGroupName(request.deploymentGroup())
                    .description(request.description())
                    .revision(rev -> rev.revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                            .appSpecContent(c -> c.content(request.appSpec())));
            request.deploymentConfigName().ifPresent(r::deploymentConfigName);
        }).deploymentId());
    }

    @Override
    public CodeDeployDeploymentInfo getDeployment(String deploymentId) {
        return calls.run("GetDeployment", "deployment " + deploymentId,
                () -> info(codeDeploy.getDeployment(r -> r.deploymentId(deploymentId)).deploymentInfo()));
    }

    @Override
    public List<String> listDeployments(String application, String deploymentGroup, List<String> statuses) {
        return calls.run("ListDeployments", "deployments of deployment group " + deploymentGroup, () -> {
            List<String> ids = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                var page = codeDeploy.listDeployments(r -> r.applicationName(application).deploymentGroupName(deploymentGroup)
                        .includeOnlyStatusesWithStrings(statuses).nextToken(next));
                ids.addAll(page.deployments());
                token = page.nextToken();
            } while (token != null);
            return ids;
        });
    }

    @Override
    public void stopDeployment(String deploymentId, boolean autoRollback) {
        calls.runVoid("StopDeployment", "deployment " + deploymentId,
                () -> codeDeploy.stopDeployment(r -> r.deploymentId(deploymentId).autoRollbackEnabled(autoRollback)));
    }

    @Override
    public List<CodeDeployTarget> deploymentTargets(String deploymentId) {
        List<String> ids = calls.run("ListDeploymentTargets", "targets of deployment " + deploymentId, () -> {
            List<String> all = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                var page = codeDeploy.listDeploymentTargets(r -> r.deploymentId(deploymentId).nextToken(next));
                all.addAll(page.targetIds());
                token = page.nextToken();
            } while (token != null);
            return all;
        });
        List<CodeDeployTarget> targets = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += TARGETS_PER_BATCH) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + TARGETS_PER_BATCH));
            calls.run("BatchGetDeploymentTargets", "targets of deployment " + deploymentId,
                    () -> codeDeploy.batchGetDeploymentTargets(r -> r.deploymentId(deploymentId).targetIds(batch)).deploymentTargets())
                    .stream().map(DeploymentTarget::ecsTarget).filter(t -> t != null).map(AwsCodeDeploy::target).forEach(targets::add);
        }
        return targets;
    }

    private static CodeDeployTarget target(ECSTarget t) {
        return new CodeDeployTarget(t.targetId(), t.statusAsString(),
                t.lifecycleEvents().stream().map(e -> new CodeDeployTarget.LifecycleEvent(e.lifecycleEventName(), e.statusAsString()))
                        .toList(),
                t.taskSetsInfo().stream().map(s -> new CodeDeployTarget.TaskSet(s.identifer(), s.taskSetLabelAsString(), null,
                        n(s.desiredCount()), n(s.runningCount()), s.trafficWeight() == null ? 0 : s.trafficWeight(),
                        s.targetGroup() == null ? null : s.targetGroup().name())).toList());
    }

    static CodeDeployDeploymentInfo info(DeploymentInfo d) {
        Optional<String> error = Optional.ofNullable(d.errorInformation())
                .map(e -> e.codeAsString() + (e.message() == null ? "" : ": " + e.message()));
        Optional<CodeDeployDeploymentInfo.RollbackInfo> rollback = Optional.ofNullable(d.rollbackInfo())
                .map(r -> new CodeDeployDeploymentInfo.RollbackInfo(r.rollbackDeploymentId(), r.rollbackTriggeringDeploymentId(),
                        r.rollbackMessage()));
        return new CodeDeployDeploymentInfo(d.deploymentId(), d.applicationName(), d.deploymentGroupName(), d.statusAsString(),
                error, rollback, d.deploymentConfigName(), taskDefinition(d), d.createTime(), d.completeTime());
    }

    /** The TaskDefinition of the AppSpec the deployment carries (Turnout's are JSON; others may be YAML, then unknown). */
    private static Optional<String> taskDefinition(DeploymentInfo d) {
        if (d.revision() == null || d.revision().appSpecContent() == null || d.revision().appSpecContent().content() == null) {
            return Optional.empty();
        }
        try {
            JsonNode spec = JSON.readTree(d.revision().appSpecContent().content());
            JsonNode td = spec.path("Resources").path(0).path("TargetService").path("Properties").path("TaskDefinition");
            return td.isString() ? Optional.of(td.asString()) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static long n(Long value) {
        return value == null ? 0 : value;
    }
}
