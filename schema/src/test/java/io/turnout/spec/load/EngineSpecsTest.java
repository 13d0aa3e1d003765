package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.load;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static io.turnout.spec.load.Fixtures.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.CodeDeploy;
import io.turnout.spec.EcsNative;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** strategy ecs (ECS's own blue/green, linear, canary) and codeDeploy: what loads, and what AWS would refuse. */
class EngineSpecsTest {
    static final String CHECKOUT = "services/checkout/service.yaml";
    static final String TG = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/";
    static final String RULE = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener-rule/app/shop-alb/0123456789abcdef/";

    static final String ECS = """
            apiVersion: turnout/v1
            kind: Service
            metadata: {name: checkout}
            spec:
              environments: [staging, production]
              taskDefinition:
                inline:
                  family: checkout
                  containerDefinitions:
                    - {name: app, image: "nginx:1.27", memory: 512, portMappings: [{containerPort: 8080}]}
              service:
                desiredCount: 2
                deploymentConfiguration:
                  strategy: BLUE_GREEN
                  bakeTimeInMinutes: 10
                  lifecycleHooks:
                    - hookTargetArn: arn:aws:lambda:eu-west-1:111111111111:function:checkout-smoke
                      roleArn: arn:aws:iam::111111111111:role/ecs-hooks
                      lifecycleStages: [POST_TEST_TRAFFIC_SHIFT]
                loadBalancers:
                  - targetGroupArn: %sblue/aaaa
                    containerName: app
                    containerPort: 8080
                    advancedConfiguration:
                      alternateTargetGroupArn: %sgreen/bbbb
                      productionListenerRule: %s1111
                      testListenerRule: %s2222
                      roleArn: arn:aws:iam::111111111111:role/ecs-infrastructure
              strategy:
                ecs:
                  verification:
                    httpChecks: [{path: /health}]
              overrides:
                production:
                  service:
                    loadBalancers:
                      - targetGroupArn: %sblue/cccc
                        containerName: app
                        containerPort: 8080
                        advancedConfiguration:
                          alternateTargetGroupArn: %sgreen/dddd
                          productionListenerRule: %s3333
                          roleArn: arn:aws:iam::222222222222:role/ecs-infrastructure
            """.formatted(TG, TG, RULE, RULE, TG, TG, RULE);

    static final String CODE_DEPLOY = """
            apiVersion: turnout/v1
            kind: Service
            metadata: {name: payments}
            spec:
              environments: [production]
              taskDefinition:
                inline:
                  family: payments
                  containerDefinitions:
                    - {name: app, image: "nginx:1.27", memory: 512, portMappings: [{containerPort: 8080}]}
              service:
                desiredCount: 2
                loadBalancers:
                  - {targetGroupArn: %spayments-blue/eeee, containerName: app, containerPort: 8080}
              strategy:
                codeDeploy:
                  serviceName: payments-svc
                  application: shop
                  deploymentGroup: payments
                  deploymentConfigName: CodeDeployDefault.ECSCanary10Percent5Minutes
                  hooks:
                    - AfterAllowTestTraffic: payments-smoke
            """.formatted(TG);

    static MemorySpecFiles ecs(String from, String to) {
        assertTrue(ECS.contains(from), from);
        return repo().with(CHECKOUT, ECS.replace(from, to));
    }

    @Test
    void anEcsBlueGreenServiceLoadsWithItsOwnLoadBalancersPerEnvironment() {
        LoadResult result = load(repo().with(CHECKOUT, ECS).with("services/payments.yaml", CODE_DEPLOY));
        assertTrue(result.isValid(), () -> describe(result.problems()));
        SpecTree tree = result.tree().orElseThrow();
        EffectiveService production = tree.servicesIn(tree.environment("production").orElseThrow()).stream()
                .filter(s -> s.name().equals("checkout")).findFirst().orElseThrow();
        EcsNative strategy = (EcsNative) production.strategy();
        assertEquals("checkout", strategy.ecsServiceName("checkout"));
        assertEquals("/health", strategy.verification().orElseThrow().httpChecks().getFirst().path());
        assertEquals(TG + "blue/cccc", production.service().at("/loadBalancers/0/targetGroupArn").asString(), "override replaces the list");
        assertEquals("BLUE_GREEN", production.service().at("/deploymentConfiguration/strategy").asString());

        EffectiveService payments = tree.servicesIn(tree.environment("production").orElseThrow()).stream()
                .filter(s -> s.name().equals("payments")).findFirst().orElseThrow();
        CodeDeploy cd = (CodeDeploy) payments.strategy();
        assertEquals("payments-svc", cd.ecsServiceName("payments"));
        assertEquals(List.of(new CodeDeploy.Hook("AfterAllowTestTraffic", "payments-smoke")), cd.hooks());
        assertEquals(Optional.of("CodeDeployDefault.ECSCanary10Percent5Minutes"), cd.deploymentConfigName());
        assertTrue(cd.verification().isPresent(), "the environment's verification by default");
    }

    @Test
    void linearAndCanaryLoadWithTheirOwnConfiguration() {
        Fixtures.assertValid(ecs("strategy: BLUE_GREEN", "strategy: LINEAR\n      linearConfiguration: {stepPercent: 25.0, stepBakeTimeInMinutes: 2}"));
        Fixtures.assertValid(ecs("strategy: BLUE_GREEN", "strategy: CANARY\n      canaryConfiguration: {canaryPercent: 10, canaryBakeTimeInMinutes: 5}"));
    }

    @Test
    void ecsBlueGreenWithoutAdvancedConfigurationIsRefusedAtTheOverride() {
        String overrideAdvanced = "            advancedConfiguration:\n"
                + "              alternateTargetGroupArn: " + TG + "green/dddd\n"
                + "              productionListenerRule: " + RULE + "3333\n"
                + "              roleArn: arn:aws:iam::222222222222:role/ecs-infrastructure\n";
        List<SpecProblem> found = problems(ecs(overrideAdvanced, ""));
        SpecProblem p = problemContaining(found, "advancedConfiguration");
        assertEquals("/spec/overrides/production/service/loadBalancers/0", p.pointer());
        assertTrue(p.message().contains("ECS's BLUE_GREEN deployments need loadBalancers[0].advancedConfiguration"), p.message());
    }

    @Test
    void linearSettingsUnderCanaryAreRefused() {
        SpecProblem p = problemContaining(problems(ecs("strategy: BLUE_GREEN",
                "strategy: CANARY\n      linearConfiguration: {stepPercent: 25.0}")), "linearConfiguration");
        assertEquals("/spec/service/deploymentConfiguration/linearConfiguration", p.pointer());
        assertTrue(p.fix().contains("strategy: LINEAR"), p.fix());
    }

    @Test
    void aContainerPortTheTaskDefinitionDoesNotMapIsRefused() {
        SpecProblem p = problemContaining(problems(ecs("containerPort: 8080\n        advancedConfiguration:",
                "containerPort: 9090\n        advancedConfiguration:")), "did not have a container port 9090");
        assertEquals("/spec/service/loadBalancers/0/containerPort", p.pointer());
    }

    @Test
    void blueGreenAndRollingRefuseEcsDeploymentStrategiesAndLoadBalancers() {
        List<SpecProblem> found = problems(repo().with(CrossFileRulesTest.WEB, Fixtures.WEB.replace("desiredCount: 2",
                "desiredCount: 2\n    deploymentConfiguration: {strategy: LINEAR}\n    loadBalancers: [{targetGroupArn: " + TG
                        + "x/1, containerName: web, containerPort: 8080}]")));
        SpecProblem strategy = problemContaining(found, "deploymentConfiguration.strategy LINEAR");
        assertTrue(strategy.fix().contains("spec.strategy.ecs"), strategy.fix());
        SpecProblem lbs = problemContaining(found, "field 'loadBalancers' is set by Turnout, not by the spec");
        assertTrue(lbs.fix().contains("spec.strategy.blueGreen.traffic.elb"), lbs.fix());
    }

    /** Turnout tags a service of AWS's engines with 7 tags of its own (EngineTags): 43 of the spec's fit, 44 do not. */
    @Test
    void theTagLimitCountsTheTagsTurnoutPutsOnAnEngineService() {
        IntFunction<String> tags = n -> {
            StringBuilder list = new StringBuilder("\n    tags:");
            for (int i = 0; i < n; i++) list.append("\n      - {key: k").append(i).append(", value: v}");
            return list.toString();
        };
        var fits = new SpecLoader().load(ecs("desiredCount: 2", "desiredCount: 2" + tags.apply(43)));
        assertTrue(fits.isValid(), () -> Fixtures.describe(fits.problems()));
        SpecProblem over = problemContaining(problems(ecs("desiredCount: 2", "desiredCount: 2" + tags.apply(44))),
                "would carry 51 tags");
        assertTrue(over.message().contains("turnout:previous-task-definition"), over.message());
    }

    /** A dump of any service made since July 2025 (ecspresso's) carries bakeTimeInMinutes 0: AWS accepts it, and so does Turnout. */
    @Test
    void aZeroBakeTimeAsDescribeServicesReportsItIsAcceptedWithoutEcsBlueGreen() {
        var zero = new SpecLoader().load(repo().with(CrossFileRulesTest.WEB, Fixtures.WEB.replace("desiredCount: 2",
                "desiredCount: 2\n    deploymentConfiguration: {bakeTimeInMinutes: 0}")));
        assertTrue(zero.isValid(), () -> Fixtures.describe(zero.problems()));
        problemContaining(problems(repo().with(CrossFileRulesTest.WEB, Fixtures.WEB.replace("desiredCount: 2",
                "desiredCount: 2\n    deploymentConfiguration: {bakeTimeInMinutes: 5}"))), "deploymentConfiguration.bakeTimeInMinutes belongs to");
    }

    @Test
    void codeDeployNeedsItsApplicationAndDeploymentGroupAndOneTargetGroup() {
        problemContaining(problems(repo().with("services/payments.yaml", CODE_DEPLOY.replace("      application: shop\n", ""))),
                "'application'");
        SpecProblem two = problemContaining(problems(repo().with("services/payments.yaml", CODE_DEPLOY.replace(
                "containerPort: 8080}\n", "containerPort: 8080}\n      - {targetGroupArn: " + TG + "x/2, containerName: app, containerPort: 8080}\n"))),
                "exactly one load balancer");
        assertEquals("/spec/service/loadBalancers", two.pointer());
        SpecProblem strategy = problemContaining(problems(repo().with("services/payments.yaml", CODE_DEPLOY.replace("desiredCount: 2",
                "desiredCount: 2\n    deploymentConfiguration: {strategy: CANARY}"))), "does not apply to a service under CodeDeploy");
        assertTrue(strategy.fix().contains("deploymentConfigName"), strategy.fix());
    }

    @Test
    void unknownLifecycleStagesAndHookEventsAreSchemaErrors() {
        problemContaining(problems(ecs("[POST_TEST_TRAFFIC_SHIFT]", "[PAUSE_AFTER_TEST]")), "PAUSE_AFTER_TEST");
        problemContaining(problems(repo().with("services/payments.yaml", CODE_DEPLOY.replace("AfterAllowTestTraffic:", "AfterTest:"))),
                "AfterTest");
    }
}
