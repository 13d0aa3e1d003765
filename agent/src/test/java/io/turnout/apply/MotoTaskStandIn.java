package io.turnout.apply;

import io.turnout.cloud.AutoScalingApi;
import io.turnout.cloud.CallStats;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CloudMapApi;
import io.turnout.cloud.CloudWatchApi;
import io.turnout.cloud.CodeDeployApi;
import io.turnout.cloud.ClusterInfo;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.DescribeServicesResult;
import io.turnout.cloud.EcsApi;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.EcsTaskInfo;
import io.turnout.cloud.ElbApi;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.Route53Api;
import io.turnout.cloud.RunTaskRequest;
import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.cloud.ServiceRevisionInfo;
import io.turnout.cloud.TargetHealthInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.cloud.UpdateServiceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The gateway the executor gets in {@link ExecutorAgainstEndpointTest}: the AWS SDK gateway
 * under test, plus what ECS's scheduler would do and moto does not. Every call passes through
 * unchanged to the gateway under test, except:
 *
 * <ul>
 *   <li><b>Tasks start.</b> moto runs no tasks: a service created with {@code desiredCount > 0}
 *       reports {@code runningCount 0}, {@code pendingCount n} and its one deployment
 *       {@code IN_PROGRESS} for ever (unless the server was started with
 *       {@code MOTO_ECS_SERVICE_RUNNING}), so it never reaches steady state. An UpdateService
 *       that sets a count is taken as "all tasks running" (running = desired, pending 0), and a
 *       service created with 0 tasks has a COMPLETED deployment. So CreateService with n tasks
 *       is sent as CreateService with 0 followed by an UpdateService to n, the second through the
 *       stand-in gateway (its calls are not counted in the stats of the gateway under test).</li>
 *   <li><b>Tasks register in their target group.</b> After every CreateService or UpdateService
 *       that sets a count, the target group of each of the service's load balancer bindings is
 *       made to hold exactly {@code desiredCount} targets with fresh fake IPs on the container
 *       port (the old ones deregistered, as replaced tasks would be). moto reports every
 *       registered target {@code healthy} at once.</li>
 * </ul>
 *
 * Not faked: Cloud Map instance registration of DNS-mode slots (Turnout never reads instances).
 */
public final class MotoTaskStandIn implements CloudGateway {
    private final CloudGateway underTest;
    private final CloudGateway standIn;
    private final AtomicInteger nextIp = new AtomicInteger(1);
    private final EcsApi ecs;

    /**
     * @param underTest the gateway whose calls are Turnout's own (and counted in {@link #stats()})
     * @param standIn   a second gateway on the same endpoint, for the calls ECS would make itself
     */
    public MotoTaskStandIn(CloudGateway underTest, CloudGateway standIn) {
        this.underTest = underTest;
        this.standIn = standIn;
        this.ecs = new StandInEcs(underTest.ecs());
    }

    @Override
    public EcsApi ecs() {
        return ecs;
    }

    @Override
    public ElbApi elb() {
        return underTest.elb();
    }

    @Override
    public Route53Api route53() {
        return underTest.route53();
    }

    @Override
    public CloudMapApi cloudMap() {
        return underTest.cloudMap();
    }

    @Override
    public AutoScalingApi autoScaling() {
        return underTest.autoScaling();
    }

    @Override
    public CodeDeployApi codeDeploy() {
        return underTest.codeDeploy();
    }

    @Override
    public CloudWatchApi cloudWatch() {
        return underTest.cloudWatch();
    }

    @Override
    public CallStats stats() {
        return underTest.stats();
    }

    /** As ECS would: the service's tasks run and sit, healthy, in its target groups. */
    private EcsServiceInfo tasksRunning(EcsServiceInfo service) {
        for (LoadBalancerBinding lb : service.loadBalancers()) {
            List<TargetHealthInfo.Target> old = standIn.elb().describeTargetHealth(lb.targetGroupArn()).stream()
                    .map(TargetHealthInfo::target).toList();
            if (!old.isEmpty()) standIn.elb().deregisterTargets(lb.targetGroupArn(), old);
            List<TargetHealthInfo.Target> fresh = new ArrayList<>();
            for (int i = 0; i < service.desiredCount(); i++) {
                int n = nextIp.getAndIncrement();
                fresh.add(new TargetHealthInfo.Target("10.99." + (n / 250) + "." + (n % 250 + 1), lb.containerPort()));
            }
            if (!fresh.isEmpty()) standIn.elb().registerTargets(lb.targetGroupArn(), fresh);
        }
        return service;
    }

    private final class StandInEcs implements EcsApi {
        private final EcsApi real;

        StandInEcs(EcsApi real) {
            this.real = real;
        }

        @Override
        public EcsServiceInfo createService(CreateServiceRequest r) {
            if (r.desiredCount() == 0) return tasksRunning(real.createService(r));
            real.createService(new CreateServiceRequest(r.cluster(), r.serviceName(), r.taskDefinition(), 0,
                    r.loadBalancers(), r.serviceRegistries(), r.settings(), r.tags()));
            return tasksRunning(standIn.ecs().updateService(new UpdateServiceRequest(r.cluster(), r.serviceName(),
                    Optional.empty(), Optional.of(r.desiredCount()), Optional.empty(), false)));
        }

        @Override
        public EcsServiceInfo updateService(UpdateServiceRequest r) {
            EcsServiceInfo updated = real.updateService(r);
            return r.desiredCount().isPresent() ? tasksRunning(updated) : updated;
        }

        @Override
        public List<ClusterInfo> describeClusters(List<String> names) {
            return real.describeClusters(names);
        }

        @Override
        public TaskDefinitionInfo registerTaskDefinition(JsonNode request, Map<String, String> tags) {
            return real.registerTaskDefinition(request, tags);
        }

        @Override
        public TaskDefinitionInfo describeTaskDefinition(String taskDefinition) {
            return real.describeTaskDefinition(taskDefinition);
        }

        @Override
        public List<String> listServices(String cluster) {
            return real.listServices(cluster);
        }

        @Override
        public DescribeServicesResult describeServices(String cluster, List<String> services) {
            return real.describeServices(cluster, services);
        }

        @Override
        public void tagResource(String arn, Map<String, String> tags) {
            real.tagResource(arn, tags);
        }

        @Override
        public EcsServiceInfo deleteService(String cluster, String service) {
            return real.deleteService(cluster, service);
        }

        @Override
        public EcsTaskInfo runTask(RunTaskRequest request) {
            return real.runTask(request);
        }

        @Override
        public List<EcsTaskInfo> describeTasks(String cluster, List<String> taskArns) {
            return real.describeTasks(cluster, taskArns);
        }

        @Override
        public List<String> listServiceDeployments(String cluster, String service, List<String> statuses) {
            return real.listServiceDeployments(cluster, service, statuses);
        }

        @Override
        public List<ServiceDeploymentInfo> describeServiceDeployments(List<String> arns) {
            return real.describeServiceDeployments(arns);
        }

        @Override
        public void stopServiceDeployment(String arn, String stopType) {
            real.stopServiceDeployment(arn, stopType);
        }

        @Override
        public List<ServiceRevisionInfo> describeServiceRevisions(List<String> arns) {
            return real.describeServiceRevisions(arns);
        }
    }
}
