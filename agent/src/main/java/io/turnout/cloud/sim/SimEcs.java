package io.turnout.cloud.sim;

import io.turnout.cloud.ClusterInfo;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.DescribeServicesResult;
import io.turnout.cloud.EcsApi;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Simulated Amazon ECS: clusters, task definitions and services, with ECS's validation and error codes. */
final class SimEcs implements EcsApi {
    private static final Pattern SERVICE_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,255}$");

    private final SimRegion region;
    /** Cluster name to status. */
    final Map<String, String> clusters = new TreeMap<>();
    final SimTaskDefinitions taskDefinitions;
    /** Cluster name to service name to service. */
    final Map<String, Map<String, SimService>> services = new TreeMap<>();
    /** One-off tasks started by RunTask, by ARN. */
    private final Map<String, SimOneOffTask> oneOffTasks = new TreeMap<>();
    /** Service revision ARN to the task definition it runs. */
    final Map<String, String> revisions = new HashMap<>();

    SimEcs(SimRegion region) {
        this.region = region;
        this.taskDefinitions = new SimTaskDefinitions(region);
    }

    void addCluster(String name) {
        if (clusters.containsKey(name)) throw new IllegalArgumentException("cluster " + name + " already exists");
        clusters.put(name, "ACTIVE");
        services.put(name, new TreeMap<>());
    }

    String clusterArn(String name) {
        return region.arn("ecs", "cluster/" + name);
    }

    @Override
    public List<ClusterInfo> describeClusters(List<String> names) {
        return region.call("ecs:DescribeClusters", false, () -> names.stream().distinct()
                .map(SimEcs::lastSegment).filter(clusters::containsKey)
                .map(n -> new ClusterInfo(clusterArn(n), n, clusters.get(n))).toList());
    }

    @Override
    public TaskDefinitionInfo registerTaskDefinition(JsonNode request, Map<String, String> tags) {
        return region.call(SimTaskDefinitions.REGISTER, true, () -> taskDefinitions.register(request, tags).info());
    }

    @Override
    public TaskDefinitionInfo describeTaskDefinition(String taskDefinition) {
        return region.call("ecs:DescribeTaskDefinition", false,
                () -> taskDefinition("ecs:DescribeTaskDefinition", taskDefinition).info());
    }

    @Override
    public List<String> listServices(String cluster) {
        // AWS: 10 service ARNs per page unless maxResults says otherwise (the AWS gateway does not)
        return region.call("ecs:ListServices", false, () -> region.paged("ecs:ListServices", 10,
                cluster("ecs:ListServices", cluster).values().stream()
                        .filter(s -> !"INACTIVE".equals(s.status)).map(s -> s.arn).toList()));
    }

    @Override
    public DescribeServicesResult describeServices(String cluster, List<String> names) {
        return region.call("ecs:DescribeServices", false, () -> {
            if (names.size() > 10) {
                throw ServiceSettings.invalid("ecs:DescribeServices",
                        "services can have at most 10 items, got " + names.size());
            }
            Map<String, SimService> inCluster = cluster("ecs:DescribeServices", cluster);
            List<EcsServiceInfo> found = new ArrayList<>();
            List<DescribeServicesResult.Failure> failures = new ArrayList<>();
            for (String name : names) {
                SimService svc = inCluster.get(lastSegment(name));
                if (svc != null) {
                    found.add(svc.info());
                } else {
                    String arn = name.startsWith("arn:") ? name
                            : region.arn("ecs", "service/" + lastSegment(cluster) + "/" + name);
                    failures.add(new DescribeServicesResult.Failure(arn, "MISSING"));
                }
            }
            return new DescribeServicesResult(found, failures);
        });
    }

    @Override
    public EcsServiceInfo createService(CreateServiceRequest request) {
        String op = "ecs:CreateService";
        return region.call(op, true, () -> {
            Map<String, SimService> inCluster = cluster(op, request.cluster());
            String name = request.serviceName();
            if (name == null || !SERVICE_NAME.matcher(name).matches()) {
                throw ServiceSettings.invalid(op, "serviceName must be 1–255 letters, numbers, hyphens or underscores");
            }
            SimService existing = inCluster.get(name);
            if (existing != null && "ACTIVE".equals(existing.status)) {
                throw ServiceSettings.invalid(op, "Creation of service was not idempotent.");
            }
            if (existing != null && "DRAINING".equals(existing.status)) {
                throw ServiceSettings.invalid(op, "Unable to Start a service that is still Draining.");
            }
            if (request.desiredCount() < 0) throw ServiceSettings.invalid(op, "desiredCount must be >= 0");
            SimTaskDefinitions.Revision td = taskDefinition(op, request.taskDefinition());
            Map<String, String> tags = new TreeMap<>(request.tags());
            ObjectNode requested = request.settings().isObject() ? (ObjectNode) request.settings() : JsonNodeFactory.instance.objectNode();
            // loadBalancers in the settings: CreateService's own shape (strategy ecs, codeDeploy)
            List<LoadBalancerBinding> bindings = request.loadBalancers().isEmpty()
                    ? LoadBalancerJson.bindings(requested.remove("loadBalancers"), op) : request.loadBalancers();
            ObjectNode settings = ServiceSettings.complete(requested, tags, op);
            checkPlacement(op, td, settings);
            checkLoadBalancers(op, td, bindings);
            checkRegistries(op, request.serviceRegistries());
            String clusterName = lastSegment(request.cluster());
            SimService svc = new SimService(clusterName, name,
                    region.arn("ecs", "service/" + clusterName + "/" + name), clusterArn(clusterName));
            svc.desiredCount = request.desiredCount();
            svc.loadBalancers = bindings;
            svc.serviceRegistries = request.serviceRegistries();
            svc.tags.putAll(tags);
            svc.settings = settings;
            svc.deploymentController = settings.path("deploymentController").path("type").asString("ECS");
            inCluster.put(name, svc);
            SimService.Deployment first = region.engine.startDeployment(svc, td.arn(), region.now());
            region.serviceDeployments.started(svc, null, first, region.now());
            region.engine.advanceTo(region.now());
            return svc.info();
        });
    }

    @Override
    public EcsServiceInfo updateService(UpdateServiceRequest request) {
        String op = "ecs:UpdateService";
        return region.call(op, true, () -> {
            Map<String, SimService> inCluster = cluster(op, request.cluster());
            SimService svc = inCluster.get(lastSegment(request.service()));
            if (svc == null) throw SimErrors.notFound("ServiceNotFoundException", op, "Service not found.");
            if (!"ACTIVE".equals(svc.status)) {
                throw SimErrors.conflict("ServiceNotActiveException", op, "Service was not ACTIVE.");
            }
            SimTaskDefinitions.Revision td = request.taskDefinition().isPresent()
                    ? taskDefinition(op, request.taskDefinition().get())
                    : taskDefinitions.find(svc.taskDefinitionArn).orElseThrow();
            if ("CODE_DEPLOY".equals(svc.deploymentController) && !td.arn().equals(svc.taskDefinitionArn)) {
                // ECS's own wording (UpdateService InvalidParameterException)
                throw ServiceSettings.invalid(op, "Unable to update task definition on services with a CODE_DEPLOY deployment"
                        + " controller. Use AWS CodeDeploy to trigger a new deployment.");
            }
            Map<String, String> tags = new TreeMap<>(svc.tags);
            ObjectNode changes = request.settings().map(j -> j.isObject() ? (ObjectNode) j.deepCopy() : null).orElse(null);
            JsonNode newLoadBalancers = changes == null ? null : changes.remove("loadBalancers");
            ObjectNode settings = changes != null
                    ? ServiceSettings.update(svc.settings, changes, tags, op) : svc.settings;
            List<LoadBalancerBinding> bindings = newLoadBalancers == null ? svc.loadBalancers
                    : LoadBalancerJson.bindings(newLoadBalancers, op);
            if (request.desiredCount().isPresent() && request.desiredCount().get() < 0) {
                throw ServiceSettings.invalid(op, "desiredCount must be >= 0");
            }
            checkPlacement(op, td, settings);
            // load balancers as a request member (Turnout's blue/green re-binding an adopted slot) or among the
            // settings (AWS's own engines, whose loadBalancers are the spec's service settings)
            List<LoadBalancerBinding> loadBalancers = request.loadBalancers().orElse(bindings);
            checkLoadBalancers(op, td, loadBalancers);
            // Only a new task definition, a force, settings that replace tasks or new load balancers
            // start a new deployment (the new tasks register in the new target groups).
            boolean redeploy = !td.arn().equals(svc.taskDefinitionArn) || request.forceNewDeployment()
                    || ServiceSettings.redeploys(svc.settings, settings) || !loadBalancers.equals(svc.loadBalancers);
            svc.settings = settings;
            // The new deployment's tasks register in the new target groups; the old ones drain from the old.
            svc.loadBalancers = loadBalancers;
            svc.tags.putAll(tags);
            request.desiredCount().ifPresent(c -> svc.desiredCount = c);
            if (redeploy) {
                SimService.Deployment source = svc.primary();
                SimService.Deployment target = SimServiceDeployments.shifts(svc)
                        ? region.engine.startControlled(svc, td.arn(), region.now(), SimServiceDeployments.alternates(svc))
                        : region.engine.startDeployment(svc, td.arn(), region.now());
                region.serviceDeployments.started(svc, source, target, region.now());
            }
            region.engine.advanceTo(region.now());
            return svc.info();
        });
    }

    @Override
    public EcsServiceInfo deleteService(String cluster, String service) {
        String op = "ecs:DeleteService";
        return region.call(op, true, () -> {
            SimService svc = cluster(op, cluster).get(lastSegment(service));
            if (svc == null || "INACTIVE".equals(svc.status)) {
                throw SimErrors.notFound("ServiceNotFoundException", op, "Service not found.");
            }
            if (svc.desiredCount > 0) {
                throw ServiceSettings.invalid(op, "The service cannot be stopped while it is scaled above 0.");
            }
            // AWS keeps it DRAINING while its tasks stop (Turnout waits that out before creating the
            // name again); the simulated one goes INACTIVE at once, never stricter than AWS.
            svc.status = "INACTIVE";
            return svc.info();
        });
    }

    @Override
    public void tagResource(String arn, Map<String, String> tags) {
        region.run("ecs:TagResource", true, () -> {
            Optional<SimService> svc = services.values().stream().flatMap(m -> m.values().stream())
                    .filter(s -> s.arn.equals(arn)).findFirst();
            if (svc.isPresent()) {
                svc.get().tags.putAll(tags);
                return;
            }
            SimTaskDefinitions.Revision td = taskDefinitions.find(arn).filter(r -> arn.startsWith("arn:"))
                    .orElseThrow(() -> SimErrors.notFound("ResourceNotFoundException", "ecs:TagResource",
                            "The specified resource could not be found: " + arn));
            Map<String, String> merged = new TreeMap<>(td.tags());
            merged.putAll(tags);
            taskDefinitions.restore(td.definition(), merged);
        });
    }

    @Override
    public EcsTaskInfo runTask(RunTaskRequest request) {
        String op = "ecs:RunTask";
        return region.call(op, true, () -> {
            String clusterName = lastSegment(request.cluster());
            cluster(op, clusterName);
            SimTaskDefinitions.Revision td = taskDefinition(op, request.taskDefinition());
            ObjectNode settings = request.settings().isObject() ? (ObjectNode) request.settings()
                    : JsonNodeFactory.instance.objectNode();
            checkPlacement(op, td, settings);
            boolean hasContainer = false;
            for (JsonNode c : td.definition().path("containerDefinitions")) {
                hasContainer |= request.container().equals(c.path("name").asString());
            }
            if (!hasContainer) {
                throw ServiceSettings.invalid(op, "Override for container named " + request.container()
                        + " is not a container in the TaskDefinition.");
            }
            String family = td.definition().path("family").asString();
            String arn = region.arn("ecs", "task/" + clusterName + "/" + SimIds.hex(region.account() + "/run/" + region.next(), 32));
            SimOneOffTask task = new SimOneOffTask(arn, td.arn(), request.container(), region.now(),
                    region.cloud().faults().oneOffTaskEnding(family));
            oneOffTasks.put(arn, task);
            return task.info(region.now(), region.cloud().settings().taskStartDelay());
        });
    }

    @Override
    public List<EcsTaskInfo> describeTasks(String cluster, List<String> taskArns) {
        String op = "ecs:DescribeTasks";
        return region.call(op, false, () -> {
            cluster(op, cluster);
            if (taskArns.size() > 100) throw ServiceSettings.invalid(op, "tasks can have at most 100 items");
            return taskArns.stream().map(oneOffTasks::get).filter(Objects::nonNull)
                    .map(t -> t.info(region.now(), region.cloud().settings().taskStartDelay())).toList();
        });
    }

    @Override
    public List<String> listServiceDeployments(String cluster, String service, List<String> statuses) {
        String op = "ecs:ListServiceDeployments";
        return region.call(op, false, () -> {
            SimService svc = cluster(op, cluster).get(lastSegment(service));
            if (svc == null) throw SimErrors.notFound("ServiceNotFoundException", op, "Service not found.");
            return region.paged(op, 20, region.serviceDeployments.list(svc, statuses));
        });
    }

    @Override
    public List<ServiceDeploymentInfo> describeServiceDeployments(List<String> arns) {
        String op = "ecs:DescribeServiceDeployments";
        return region.call(op, false, () -> {
            if (arns.size() > 20) throw ServiceSettings.invalid(op, "serviceDeploymentArns can have at most 20 items");
            return arns.stream().distinct().map(region.serviceDeployments::describe).flatMap(Optional::stream).toList();
        });
    }

    @Override
    public void stopServiceDeployment(String arn, String stopType) {
        String op = "ecs:StopServiceDeployment";
        region.run(op, true, () -> {
            if (!"ROLLBACK".equals(stopType) && !"ABORT".equals(stopType)) {
                throw ServiceSettings.invalid(op, "stopType must be ROLLBACK or ABORT, was " + stopType);
            }
            region.serviceDeployments.stop(arn, stopType, op);
        });
    }

    @Override
    public List<ServiceRevisionInfo> describeServiceRevisions(List<String> arns) {
        String op = "ecs:DescribeServiceRevisions";
        return region.call(op, false, () -> {
            if (arns.size() > 20) throw ServiceSettings.invalid(op, "serviceRevisionArns can have at most 20 items");
            return arns.stream().distinct().filter(revisions::containsKey)
                    .map(arn -> new ServiceRevisionInfo(arn, revisions.get(arn))).toList();
        });
    }

    /** Every service of the partition, by cluster then name. */
    List<SimService> allServices() {
        return services.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    private Map<String, SimService> cluster(String op, String cluster) {
        String name = lastSegment(cluster);
        if (!"ACTIVE".equals(clusters.get(name))) {
            throw SimErrors.notFound("ClusterNotFoundException", op, "Cluster not found: " + name);
        }
        return services.get(name);
    }

    private SimTaskDefinitions.Revision taskDefinition(String op, String reference) {
        return taskDefinitions.find(reference).orElseThrow(() -> SimErrors.notFound("ClientException", op,
                "Unable to describe task definition " + reference + ". Register it first."));
    }

    private static void checkPlacement(String op, SimTaskDefinitions.Revision td, ObjectNode settings) {
        JsonNode def = td.definition();
        boolean fargateCompatible = false;
        for (JsonNode c : def.path("compatibilities")) fargateCompatible |= "FARGATE".equals(c.asString());
        if ("FARGATE".equals(settings.path("launchType").asString(null)) && !fargateCompatible) {
            throw ServiceSettings.invalid(op, "Task definition does not support launch_type FARGATE.");
        }
        if ("awsvpc".equals(def.path("networkMode").asString(null))
                && !settings.path("networkConfiguration").path("awsvpcConfiguration").isObject()) {
            throw ServiceSettings.invalid(op, "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }
    }

    private void checkLoadBalancers(String op, SimTaskDefinitions.Revision td, List<LoadBalancerBinding> bindings) {
        JsonNode def = td.definition();
        boolean awsvpc = "awsvpc".equals(def.path("networkMode").asString(null));
        for (LoadBalancerBinding b : bindings) {
            SimElbState.TargetGroup tg = region.elbState.targetGroupByArn(b.targetGroupArn()).orElseThrow(() ->
                    ServiceSettings.invalid(op, "The target group " + b.targetGroupArn() + " does not exist."));
            if (region.elbState.loadBalancersUsing(tg.arn).isEmpty()) {
                throw ServiceSettings.invalid(op, "The target group with targetGroupArn " + tg.arn
                        + " does not have an associated load balancer.");
            }
            if (awsvpc && !"ip".equals(tg.targetType)) {
                throw ServiceSettings.invalid(op, "The provided target group " + tg.arn + " has target type "
                        + tg.targetType + ", which is incompatible with the awsvpc network mode specified in the task definition.");
            }
            JsonNode container = null;
            for (JsonNode c : def.path("containerDefinitions")) if (b.containerName().equals(c.path("name").asString())) container = c;
            if (container == null) {
                throw ServiceSettings.invalid(op, "The container " + b.containerName() + " does not exist in the task definition.");
            }
            boolean mapped = false;
            for (JsonNode pm : container.path("portMappings")) mapped |= pm.path("containerPort").asInt() == b.containerPort();
            if (!mapped) {
                throw ServiceSettings.invalid(op, "The container " + b.containerName() + " did not have a container port "
                        + b.containerPort() + " defined.");
            }
            // No check of the group's own port: ECS registers ip targets on the container port (instance
            // targets on the task's host port) whatever port the target group was created with, and so
            // does the simulator (SimElb); it refuses only what AWS refuses.
            if (b.advanced().isPresent()) checkAdvanced(op, b.advanced().get());
        }
    }

    /** ECS's own blue/green: the second target group is in use by a load balancer, the rules exist. */
    private void checkAdvanced(String op, LoadBalancerBinding.AdvancedConfiguration a) {
        SimElbState.TargetGroup alternate = region.elbState.targetGroupByArn(a.alternateTargetGroupArn()).orElseThrow(() ->
                ServiceSettings.invalid(op, "The alternate target group " + a.alternateTargetGroupArn() + " does not exist."));
        if (region.elbState.loadBalancersUsing(alternate.arn).isEmpty()) {
            throw ServiceSettings.invalid(op, "The alternate target group " + alternate.arn
                    + " does not have an associated load balancer.");
        }
        for (String rule : new String[] {a.productionListenerRule(), a.testListenerRule()}) {
            if (rule != null && region.elbState.ruleByArn(rule).isEmpty()) {
                throw ServiceSettings.invalid(op, "The listener rule " + rule + " does not exist.");
            }
        }
    }

    private void checkRegistries(String op, List<ServiceRegistryBinding> registries) {
        for (ServiceRegistryBinding r : registries) {
            if (region.cloudMap.serviceByArn(r.registryArn()).isEmpty()) {
                throw ServiceSettings.invalid(op, "The service registry " + r.registryArn() + " does not exist.");
            }
        }
    }

    /** A name from a name or an ARN ({@code arn:…:service/cluster/name} gives {@code name}). */
    static String lastSegment(String nameOrArn) {
        if (nameOrArn == null) return null;
        return nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
    }
}
