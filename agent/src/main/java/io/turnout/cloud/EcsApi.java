package io.turnout.cloud;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Amazon ECS, as far as Turnout uses it. Operation names in stats are {@code ecs:<Operation>}. */
public interface EcsApi {
    /** DescribeClusters: the clusters that exist among {@code names} (missing ones are simply absent). */
    List<ClusterInfo> describeClusters(List<String> names);

    /**
     * RegisterTaskDefinition. {@code request} is the request as AWS documents it (family,
     * containerDefinitions …). The result's definition carries the fields and defaults AWS adds.
     */
    TaskDefinitionInfo registerTaskDefinition(JsonNode request, Map<String, String> tags);

    /** DescribeTaskDefinition by ARN or {@code family:revision}; NOT_FOUND ({@code ClientException}) when absent. */
    TaskDefinitionInfo describeTaskDefinition(String taskDefinition);

    /** ListServices for a cluster, all pages followed: service ARNs. ClusterNotFoundException when absent. */
    List<String> listServices(String cluster);

    /**
     * DescribeServices with {@code include=TAGS}, at most 10 names or ARNs per call (more is
     * an INVALID_REQUEST, as in AWS). Names that do not exist come back as failures with
     * reason {@code MISSING}, not as an exception.
     */
    DescribeServicesResult describeServices(String cluster, List<String> services);

    /** CreateService. INVALID_REQUEST when a service of that name is already ACTIVE. */
    EcsServiceInfo createService(CreateServiceRequest request);

    /** UpdateService. ServiceNotFoundException / ServiceNotActiveException as AWS. */
    EcsServiceInfo updateService(UpdateServiceRequest request);

    /**
     * DeleteService (not forced): the service must have a desired count of 0. It turns DRAINING,
     * then INACTIVE once its tasks stopped; until then a service of the same name cannot be created.
     */
    EcsServiceInfo deleteService(String cluster, String service);

    /** TagResource on a service or task definition ARN. */
    void tagResource(String arn, Map<String, String> tags);

    /**
     * RunTask: one task of {@code request.taskDefinition()} with the container's command
     * overridden. AWS reports capacity problems as {@code failures} rather than an error;
     * they come back as INVALID_REQUEST naming the reason.
     */
    EcsTaskInfo runTask(RunTaskRequest request);

    /** DescribeTasks of at most 100 task ARNs; tasks not found are left out. */
    List<EcsTaskInfo> describeTasks(String cluster, List<String> taskArns);

    /**
     * ListServiceDeployments of one service, all pages, restricted to {@code statuses} (every
     * status when empty): service deployment ARNs, newest first.
     */
    List<String> listServiceDeployments(String cluster, String service, List<String> statuses);

    /** DescribeServiceDeployments of at most 20 ARNs; ones not found are left out. */
    List<ServiceDeploymentInfo> describeServiceDeployments(List<String> serviceDeploymentArns);

    /**
     * StopServiceDeployment. {@code stopType} ROLLBACK sends traffic back to the source revision
     * (instant while ECS still runs it: during the bake time); ABORT stops where it is.
     */
    void stopServiceDeployment(String serviceDeploymentArn, String stopType);

    /** DescribeServiceRevisions of at most 20 ARNs; ones not found are left out. */
    List<ServiceRevisionInfo> describeServiceRevisions(List<String> serviceRevisionArns);
}
