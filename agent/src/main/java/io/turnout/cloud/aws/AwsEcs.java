package io.turnout.cloud.aws;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.ClusterInfo;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.DescribeServicesResult;
import io.turnout.cloud.EcsApi;
import io.turnout.cloud.EcsDeployment;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.EcsTaskInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.RunTaskRequest;
import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.cloud.ServiceRegistryBinding;
import io.turnout.cloud.ServiceRevisionInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.cloud.UpdateServiceRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AdvancedConfiguration;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@link EcsApi} over the SDK's {@link EcsClient}. */
final class AwsEcs implements EcsApi {
    /** DescribeServices takes at most 10 services per call (InvalidParameterException beyond). */
    static final int DESCRIBE_SERVICES_MAX = 10;

    /**
     * CreateService members Turnout sets itself from typed values; every other CreateService
     * member a DescribeServices answer carries is part of {@link EcsServiceInfo#settings()}.
     */
    private static final Set<String> OWNED = Set.of("cluster", "serviceName", "taskDefinition", "desiredCount",
            "loadBalancers", "serviceRegistries", "tags", "clientToken");

    /** CreateService members that DescribeServices reports on each deployment instead of on the service. */
    private static final List<String> DEPLOYMENT_SETTINGS = List.of("serviceConnectConfiguration", "volumeConfigurations",
            "vpcLatticeConfigurations");

    /** CreateService's member names, the shape of {@code settings}. */
    private static final Set<String> CREATE_SERVICE_MEMBERS = Set.copyOf(
            SdkJson.memberNames(software.amazon.awssdk.services.ecs.model.CreateServiceRequest.builder()));

    private final EcsClient ecs;
    private final AwsCalls calls;

    AwsEcs(EcsClient ecs, AwsCalls calls) {
        this.ecs = ecs;
        this.calls = calls;
    }

    @Override
    public List<ClusterInfo> describeClusters(List<String> names) {
        // AWS answers an empty list with the "default" cluster; the contract asks about names only.
        if (names.isEmpty()) return List.of();
        return calls.run("DescribeClusters", "clusters " + names, () -> ecs.describeClusters(r -> r.clusters(names)))
                .clusters().stream()
                .map(c -> new ClusterInfo(c.clusterArn(), c.clusterName(), c.status()))
                .toList();
    }

    @Override
    public TaskDefinitionInfo registerTaskDefinition(JsonNode request, Map<String, String> tags) {
        String family = request.path("family").asString("?");
        return calls.run("RegisterTaskDefinition", "task definition family " + family, () -> {
            RegisterTaskDefinitionRequest.Builder builder = RegisterTaskDefinitionRequest.builder();
            SdkJson.apply(request, builder, "taskDefinition");
            Map<String, String> merged = new LinkedHashMap<>(tagMap(builder.build().tags()));
            merged.putAll(tags);
            if (!merged.isEmpty()) builder.tags(toTags(merged));
            return info(ecs.registerTaskDefinition(builder.build()).taskDefinition());
        });
    }

    @Override
    public TaskDefinitionInfo describeTaskDefinition(String taskDefinition) {
        return calls.run("DescribeTaskDefinition", "task definition " + taskDefinition,
                () -> info(ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)).taskDefinition()));
    }

    @Override
    public List<String> listServices(String cluster) {
        return calls.run("ListServices", "services of cluster " + cluster,
                () -> ecs.listServicesPaginator(r -> r.cluster(cluster)).serviceArns().stream().toList());
    }

    @Override
    public DescribeServicesResult describeServices(String cluster, List<String> services) {
        if (services.size() > DESCRIBE_SERVICES_MAX) {
            // Refused here, as AWS would refuse it, so callers learn to batch before it costs a call.
            throw new CloudException(CloudException.Kind.INVALID_REQUEST, "InvalidParameterException",
                    "ecs:DescribeServices", 400, services.size() + " services in cluster " + cluster
                    + ": DescribeServices takes at most " + DESCRIBE_SERVICES_MAX + " per call; batch them.");
        }
        if (services.isEmpty()) return new DescribeServicesResult(List.of(), List.of());
        DescribeServicesResponse answer = calls.run("DescribeServices", "services " + services + " in cluster " + cluster,
                () -> ecs.describeServices(r -> r.cluster(cluster).services(services).include(ServiceField.TAGS)));
        return new DescribeServicesResult(
                answer.services().stream().map(AwsEcs::info).toList(),
                answer.failures().stream().map(f -> new DescribeServicesResult.Failure(f.arn(), f.reason())).toList());
    }

    @Override
    public EcsServiceInfo createService(CreateServiceRequest request) {
        String resource = "service " + request.serviceName() + " in cluster " + request.cluster();
        return calls.run("CreateService", resource, () -> {
            ObjectNode settings = request.settings().isObject() ? (ObjectNode) request.settings() : null;
            var builder = software.amazon.awssdk.services.ecs.model.CreateServiceRequest.builder();
            Map<String, String> tags = new LinkedHashMap<>();
            if (settings != null) {
                // The spec's service.tags are CreateService's [{key, value}]; Turnout's own tags win.
                JsonNode userTags = settings.remove("tags");
                if (userTags != null && !userTags.isNull()) {
                    var tagged = software.amazon.awssdk.services.ecs.model.CreateServiceRequest.builder();
                    SdkJson.apply(settings.objectNode().set("tags", userTags), tagged, "service");
                    tags.putAll(tagMap(tagged.build().tags())); // parsed by the model, so shape errors are named
                }
                SdkJson.apply(settings, builder, "service");
            } else if (!request.settings().isNull() && !request.settings().isMissingNode()) {
                throw new IllegalArgumentException("service: expected an object, got " + request.settings());
            }
            tags.putAll(request.tags());
            builder.cluster(request.cluster())
                    .serviceName(request.serviceName())
                    .taskDefinition(request.taskDefinition())
                    .serviceRegistries(request.serviceRegistries().stream()
                            .map(b -> ServiceRegistry.builder().registryArn(b.registryArn()).build()).toList());
            // The typed bindings (a blue/green slot's) win; without them the settings' own loadBalancers
            // (strategy ecs and codeDeploy, CreateService's shape with advancedConfiguration) stay.
            if (!request.loadBalancers().isEmpty()) builder.loadBalancers(request.loadBalancers().stream().map(AwsEcs::toSdk).toList());
            // ECS refuses a desired count for a daemon ("The daemon scheduling strategy does not
            // support a desired count for services"): it runs one task per container instance
            if (!"DAEMON".equals(request.settings().path("schedulingStrategy").asString(""))) builder.desiredCount(request.desiredCount());
            if (!tags.isEmpty()) builder.tags(toTags(tags));
            return info(ecs.createService(builder.build()).service());
        });
    }

    @Override
    public EcsServiceInfo updateService(UpdateServiceRequest request) {
        String resource = "service " + request.service() + " in cluster " + request.cluster();
        return calls.run("UpdateService", resource, () -> {
            var builder = software.amazon.awssdk.services.ecs.model.UpdateServiceRequest.builder();
            // Settings first, typed values last: Turnout's own fields win over the user's.
            request.settings().ifPresent(s -> {
                // UpdateService accepts fewer members than CreateService: launchType,
                // schedulingStrategy, role and tags are fixed at creation (tags change through
                // TagResource). Refused by name rather than silently dropped.
                Set<String> fixed = SdkJson.unknownMembers(s, builder);
                if (!fixed.isEmpty()) {
                    throw new IllegalArgumentException("UpdateService cannot change " + String.join(", ", fixed)
                            + ": AWS sets them only when the service is created. Leave them out of the update"
                            + " (or recreate the service to change them).");
                }
                SdkJson.apply(s, builder, "service");
            });
            builder.cluster(request.cluster()).service(request.service())
                    .forceNewDeployment(request.forceNewDeployment());
            request.taskDefinition().ifPresent(builder::taskDefinition);
            request.desiredCount().ifPresent(builder::desiredCount);
            request.loadBalancers().ifPresent(lbs -> builder.loadBalancers(lbs.stream().map(AwsEcs::toSdk).toList()));
            return info(ecs.updateService(builder.build()).service());
        });
    }

    @Override
    public EcsServiceInfo deleteService(String cluster, String service) {
        // Without force, ECS refuses to delete a service that still wants tasks: the caller scales it to 0 first.
        return calls.run("DeleteService", "service " + service + " in cluster " + cluster,
                () -> info(ecs.deleteService(r -> r.cluster(cluster).service(service)).service()));
    }

    @Override
    public void tagResource(String arn, Map<String, String> tags) {
        calls.runVoid("TagResource", "resource " + arn, () -> ecs.tagResource(r -> r.resourceArn(arn).tags(toTags(tags))));
    }

    @Override
    public EcsTaskInfo runTask(RunTaskRequest request) {
        String resource = "task definition " + request.taskDefinition() + " in cluster " + request.cluster();
        return calls.run("RunTask", resource, () -> {
            var builder = software.amazon.awssdk.services.ecs.model.RunTaskRequest.builder();
            // Only the members RunTask shares with CreateService (launch type, awsvpc network
            // configuration …): an awsvpc task needs the service's subnets and security groups.
            ObjectNode settings = JsonNodeFactory.instance.objectNode();
            for (String member : RunTaskRequest.SETTINGS) {
                if (request.settings().has(member)) settings.set(member, request.settings().get(member));
            }
            SdkJson.apply(settings, builder, "task");
            builder.cluster(request.cluster()).taskDefinition(request.taskDefinition()).count(1)
                    .startedBy(request.startedBy())
                    .overrides(o -> o.containerOverrides(c -> c.name(request.container()).command(request.command())));
            var response = ecs.runTask(builder.build());
            // RunTask reports placement problems (no capacity, bad subnet) as failures with HTTP 200.
            if (response.tasks().isEmpty()) {
                String reasons = response.failures().stream().map(f -> f.arn() + ": " + f.reason()
                        + (f.detail() == null ? "" : " (" + f.detail() + ")")).collect(Collectors.joining("; "));
                throw new CloudException(CloudException.Kind.INVALID_REQUEST, "RunTaskFailure", "ecs:RunTask", 200,
                        "no task was started for " + resource + ": " + (reasons.isEmpty() ? "no reason given" : reasons));
            }
            return info(response.tasks().getFirst());
        });
    }

    @Override
    public List<EcsTaskInfo> describeTasks(String cluster, List<String> taskArns) {
        if (taskArns.isEmpty()) return List.of();
        return calls.run("DescribeTasks", "tasks in cluster " + cluster,
                () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArns)).tasks().stream().map(AwsEcs::info).toList());
    }

    @Override
    public List<String> listServiceDeployments(String cluster, String service, List<String> statuses) {
        return calls.run("ListServiceDeployments", "service deployments of " + service + " in cluster " + cluster, () -> {
            List<ServiceDeploymentBrief> briefs = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                var page = ecs.listServiceDeployments(r -> r.cluster(cluster).service(service).statusWithStrings(statuses)
                        .nextToken(next));
                briefs.addAll(page.serviceDeployments());
                token = page.nextToken();
            } while (token != null);
            // AWS lists them newest first; sorted here as well, so callers can rely on it
            return briefs.stream().sorted(Comparator.comparing(ServiceDeploymentBrief::createdAt,
                    Comparator.nullsLast(Comparator.reverseOrder()))).map(ServiceDeploymentBrief::serviceDeploymentArn).toList();
        });
    }

    @Override
    public List<ServiceDeploymentInfo> describeServiceDeployments(List<String> arns) {
        if (arns.isEmpty()) return List.of();
        return calls.run("DescribeServiceDeployments", "service deployments " + arns,
                () -> ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(arns)).serviceDeployments().stream()
                        .map(AwsEcs::info).toList());
    }

    @Override
    public void stopServiceDeployment(String arn, String stopType) {
        calls.runVoid("StopServiceDeployment", "service deployment " + arn,
                () -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(arn).stopType(stopType)));
    }

    @Override
    public List<ServiceRevisionInfo> describeServiceRevisions(List<String> arns) {
        if (arns.isEmpty()) return List.of();
        return calls.run("DescribeServiceRevisions", "service revisions " + arns,
                () -> ecs.describeServiceRevisions(r -> r.serviceRevisionArns(arns)).serviceRevisions().stream()
                        .map(r -> new ServiceRevisionInfo(r.serviceRevisionArn(), r.taskDefinition())).toList());
    }

    // ---- conversions ----

    /** Status, stage and strategy through the {@code …AsString()} getters: values newer than this SDK still read. */
    static ServiceDeploymentInfo info(ServiceDeployment d) {
        DeploymentConfiguration config = d.deploymentConfiguration();
        Optional<ServiceDeploymentInfo.Rollback> rollback = Optional.ofNullable(d.rollback())
                .map(r -> new ServiceDeploymentInfo.Rollback(r.reason(), r.startedAt(), r.serviceRevisionArn()));
        return new ServiceDeploymentInfo(d.serviceDeploymentArn(), d.serviceArn(), d.statusAsString(), d.statusReason(),
                d.lifecycleStageAsString(), d.sourceServiceRevisions().stream().map(AwsEcs::revision).toList(),
                Optional.ofNullable(d.targetServiceRevision()).map(AwsEcs::revision),
                config == null ? null : config.strategyAsString(),
                config == null || config.bakeTimeInMinutes() == null ? 0 : config.bakeTimeInMinutes(), rollback,
                d.createdAt(), d.updatedAt());
    }

    private static ServiceDeploymentInfo.Revision revision(ServiceRevisionSummary r) {
        return new ServiceDeploymentInfo.Revision(r.arn(), n(r.requestedTaskCount()), n(r.runningTaskCount()),
                n(r.pendingTaskCount()), r.requestedTestTrafficWeight(), r.requestedProductionTrafficWeight());
    }

    static EcsTaskInfo info(Task task) {
        return new EcsTaskInfo(task.taskArn(), task.taskDefinitionArn(), task.lastStatus(), task.stopCodeAsString(),
                task.stoppedReason(), task.containers().stream()
                        .map(c -> new EcsTaskInfo.Container(c.name(), c.exitCode(), c.reason())).toList());
    }

    static TaskDefinitionInfo info(TaskDefinition td) {
        return new TaskDefinitionInfo(td.taskDefinitionArn(), td.family(), td.revision() == null ? 0 : td.revision(),
                td.statusAsString(), SdkJson.toJson(td));
    }

    static EcsServiceInfo info(Service s) {
        ObjectNode settings = SdkJson.toJson(s);
        settings.retain(settings.propertyNames().stream()
                .filter(name -> CREATE_SERVICE_MEMBERS.contains(name) && !OWNED.contains(name))
                .collect(Collectors.toSet()));
        // DescribeServices keeps Service Connect, managed volumes and VPC Lattice on the service's
        // deployments, not on the service: the PRIMARY deployment's are the service's settings
        // (as ecspresso reads them for its diff)
        s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().map(SdkJson::toJson).ifPresent(primary -> {
            for (String field : DEPLOYMENT_SETTINGS) {
                if (primary.has(field)) settings.set(field, primary.get(field));
            }
        });
        return new EcsServiceInfo(s.serviceArn(), s.serviceName(), s.clusterArn(), s.status(), s.taskDefinition(),
                n(s.desiredCount()), n(s.runningCount()), n(s.pendingCount()),
                s.loadBalancers().stream().map(AwsEcs::binding).toList(),
                s.serviceRegistries().stream().map(r -> new ServiceRegistryBinding(r.registryArn())).toList(),
                s.deployments().stream().map(AwsEcs::info).toList(),
                tagMap(s.tags()), settings);
    }

    private static EcsDeployment info(Deployment d) {
        return new EcsDeployment(d.id(), d.status(), d.taskDefinition(), n(d.desiredCount()), n(d.pendingCount()),
                n(d.runningCount()), d.rolloutStateAsString(), d.rolloutStateReason());
    }

    private static LoadBalancer toSdk(LoadBalancerBinding b) {
        LoadBalancer.Builder lb = LoadBalancer.builder().targetGroupArn(b.targetGroupArn()).containerName(b.containerName())
                .containerPort(b.containerPort());
        b.advanced().ifPresent(a -> lb.advancedConfiguration(c -> c.alternateTargetGroupArn(a.alternateTargetGroupArn())
                .productionListenerRule(a.productionListenerRule()).testListenerRule(a.testListenerRule()).roleArn(a.roleArn())));
        return lb.build();
    }

    static LoadBalancerBinding binding(LoadBalancer lb) {
        AdvancedConfiguration a = lb.advancedConfiguration();
        return new LoadBalancerBinding(lb.targetGroupArn(), lb.containerName(), n(lb.containerPort()),
                Optional.ofNullable(a).map(c -> new LoadBalancerBinding.AdvancedConfiguration(c.alternateTargetGroupArn(),
                        c.productionListenerRule(), c.testListenerRule(), c.roleArn())));
    }

    static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag t : tags) map.put(t.key(), t.value() == null ? "" : t.value());
        return map;
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
