package io.turnout.spec.load;

import java.util.Optional;
import java.util.Set;

/**
 * Fields that AWS's describe calls return and its create calls do not take. Definitions are
 * often dumped with {@code aws ecs describe-task-definition} or {@code describe-services} (or a
 * tool that wraps them) and pasted as they are: "unknown field 'revision'" alone does not say
 * that the dump needs stripping, so these get a message of their own.
 */
final class ResponseOnlyFields {
    private ResponseOnlyFields() {}

    /** DescribeTaskDefinition's taskDefinition members that RegisterTaskDefinition does not take. */
    static final Set<String> TASK_DEFINITION = Set.of("taskDefinitionArn", "revision", "status", "requiresAttributes",
            "compatibilities", "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt");

    /** DescribeServices' service members that CreateService does not take. */
    static final Set<String> SERVICE = Set.of("serviceArn", "clusterArn", "status", "runningCount", "pendingCount",
            "platformFamily", "taskSets", "deployments", "roleArn", "events", "createdAt", "createdBy",
            "currentServiceDeployment", "currentServiceRevisions", "resourceManagementType");

    /** The describe call that returns {@code field} in the object described by {@code schemaLocation}, if it is such a field. */
    static Optional<String> describedBy(String schemaLocation, String field) {
        boolean taskDefinition = schemaLocation.endsWith("task-definition.schema.json#/$defs/taskDefinitionFields")
                || schemaLocation.endsWith("task-definition.schema.json#");
        if (taskDefinition && TASK_DEFINITION.contains(field)) {
            return Optional.of("DescribeTaskDefinition");
        }
        if (schemaLocation.endsWith("service.schema.json#/$defs/serviceSettings") && SERVICE.contains(field)) {
            return Optional.of("DescribeServices");
        }
        return Optional.empty();
    }
}
