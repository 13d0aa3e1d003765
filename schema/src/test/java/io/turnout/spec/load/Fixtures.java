package io.turnout.spec.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.SpecProblem;
import java.util.List;
import java.util.stream.Collectors;

/** A small valid spec repository that tests break one rule at a time. */
final class Fixtures {
    private Fixtures() {}

    static final String STAGING = """
            apiVersion: turnout/v1
            kind: Environment
            metadata: {name: staging}
            spec:
              aws:
                region: eu-west-1
                accountId: "111111111111"
              cluster: staging
            """;

    static final String PRODUCTION = """
            apiVersion: turnout/v1
            kind: Environment
            metadata: {name: production}
            spec:
              aws: {region: eu-west-1}
              cluster: production
            """;

    static final String WEB = """
            apiVersion: turnout/v1
            kind: Service
            metadata: {name: web}
            spec:
              environments: [staging, production]
              taskDefinition:
                file: web.taskdef.json
              service:
                desiredCount: 2
              strategy:
                blueGreen:
                  traffic:
                    elb:
                      loadBalancer: shop-alb
                      prodListener: {port: 443}
                      stageListener: {port: 8443}
                      targetGroups: {a: web-a, b: web-b}
                      container: {name: web, port: 8080}
            """;

    static final String WEB_TASKDEF = """
            {
              "family": "web",
              "networkMode": "bridge",
              "containerDefinitions": [
                {"name": "web", "image": "nginx:1.27", "memory": 512, "portMappings": [{"containerPort": 8080}]}
              ]
            }
            """;

    static final String CATALOG = """
            apiVersion: turnout/v1
            kind: Service
            metadata: {name: catalog}
            spec:
              environments: [production]
              taskDefinition:
                inline:
                  family: catalog
                  containerDefinitions:
                    - {name: catalog, image: "httpd:2.4", memory: 256, portMappings: [{containerPort: 80}]}
              strategy:
                blueGreen:
                  traffic:
                    dns:
                      hostedZone: internal.shop.example.
                      recordName: catalog.internal.shop.example
                      namespace: svc.shop.local
                      cloudMapServices: {a: catalog-a, b: catalog-b}
                      weightSteps: [{weight: 10, bakeTime: 2m}, {weight: 100}]
            """;

    static MemorySpecFiles repo() {
        return new MemorySpecFiles()
                .with("environments/staging.yaml", STAGING)
                .with("environments/production.yaml", PRODUCTION)
                .with("services/web/service.yaml", WEB)
                .with("services/web/web.taskdef.json", WEB_TASKDEF)
                .with("services/catalog/service.yaml", CATALOG);
    }

    static LoadResult load(SpecFiles files) {
        return new SpecLoader().load(files);
    }

    static List<SpecProblem> problems(SpecFiles files) {
        LoadResult result = load(files);
        assertFalse(result.isValid(), "expected problems, the specs loaded");
        return result.problems();
    }

    static String describe(List<SpecProblem> problems) {
        return problems.stream().map(SpecProblem::describe).collect(Collectors.joining("\n"));
    }

    /** The one problem whose text contains {@code fragment}, failing with all problems shown otherwise. */
    static SpecProblem problemContaining(List<SpecProblem> problems, String fragment) {
        return problems.stream().filter(p -> p.describe().contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem mentions '" + fragment + "':\n" + describe(problems)));
    }

    static void assertValid(SpecFiles files) {
        LoadResult result = load(files);
        assertTrue(result.isValid(), () -> describe(result.problems()));
    }
}
