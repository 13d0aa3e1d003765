package io.turnout.spec.load;

/**
 * A rolling service, "worker", next to the {@link Fixtures} repository: its task definition
 * file and its service settings are what the rule tests vary. The defaults are a valid Fargate
 * service.
 */
final class Workers {
    private Workers() {}

    static final String SPEC = "services/worker/service.yaml";
    static final String TASK_DEFINITION = "services/worker/worker.taskdef.json";

    static final String FARGATE_TASK_DEFINITION = """
            {
              "family": "worker",
              "networkMode": "awsvpc",
              "requiresCompatibilities": ["FARGATE"],
              "cpu": "256",
              "memory": "512",
              "containerDefinitions": [
                {"name": "worker", "image": "public.ecr.aws/docker/library/busybox:1.36", "portMappings": [{"containerPort": 8080, "name": "http"}]}
              ]
            }
            """;

    static final String FARGATE_SETTINGS = """
                desiredCount: 1
                launchType: FARGATE
                networkConfiguration:
                  awsvpcConfiguration:
                    subnets: [subnet-0a1b2c3d4e5f60001]
            """;

    /** The worker's spec with {@code settings} (lines indented four spaces, under spec.service) and {@code strategy} (under spec.strategy). */
    static String spec(String settings, String strategy) {
        return """
                apiVersion: turnout/v1
                kind: Service
                metadata: {name: worker}
                spec:
                  environments: [staging, production]
                  taskDefinition:
                    file: worker.taskdef.json
                  service:
                """ + settings + "  strategy:\n    " + strategy + "\n";
    }

    static MemorySpecFiles repo(String taskDefinition, String settings) {
        return repo(taskDefinition, settings, "rolling: {}");
    }

    static MemorySpecFiles repo(String taskDefinition, String settings, String strategy) {
        return Fixtures.repo().with(SPEC, spec(settings, strategy)).with(TASK_DEFINITION, taskDefinition);
    }

    static MemorySpecFiles fargate() {
        return repo(FARGATE_TASK_DEFINITION, FARGATE_SETTINGS);
    }

    /** The Fargate worker with one replacement in its task definition. */
    static MemorySpecFiles taskDefinition(String from, String to) {
        if (!FARGATE_TASK_DEFINITION.contains(from)) throw new IllegalArgumentException(from);
        return repo(FARGATE_TASK_DEFINITION.replace(from, to), FARGATE_SETTINGS);
    }

    /** The Fargate worker with more service settings (lines indented four spaces). */
    static MemorySpecFiles settings(String more) {
        return repo(FARGATE_TASK_DEFINITION, FARGATE_SETTINGS + more);
    }
}
