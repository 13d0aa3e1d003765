package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static io.turnout.spec.load.Fixtures.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.BlueGreen;
import io.turnout.spec.CodeDeploy;
import io.turnout.spec.EcsNative;
import io.turnout.spec.Rolling;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.Slot;
import io.turnout.spec.SpecProblem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Specs that adopt existing ECS services (blue/green slots by name, a rolling service by name
 * and target group) and name AWS's own engines: what they mean, and the rules they must keep.
 */
class AdoptionSpecTest {
    private static final String WEB = "services/web/service.yaml";

    private static ServiceSpec web(String from, String to) {
        assertTrue(Fixtures.WEB.contains(from), from);
        var loaded = new SpecLoader().load(repo().with(WEB, Fixtures.WEB.replace(from, to)));
        assertTrue(loaded.isValid(), () -> describe(loaded.problems()));
        return loaded.tree().orElseThrow().service("web").orElseThrow();
    }

    private static List<SpecProblem> invalid(String from, String to) {
        assertTrue(Fixtures.WEB.contains(from), from);
        return problems(repo().with(WEB, Fixtures.WEB.replace(from, to)));
    }

    @Test
    void slotsNameTheAdoptedServicesAndTheOthersAreTurnoutsOwn() {
        BlueGreen bg = (BlueGreen) web("    blueGreen:\n", "    blueGreen:\n      slots: {a: WebService-Prod_1}\n").strategy();
        assertEquals("WebService-Prod_1", bg.ecsServiceName("web", Slot.A));
        assertEquals("web--b", bg.ecsServiceName("web", Slot.B));
        assertTrue(bg.adopted(Slot.A));
        BlueGreen own = (BlueGreen) web("web", "web").strategy();
        assertEquals("web--a", own.ecsServiceName("web", Slot.A));
        assertEquals(Optional.empty(), own.slots());
    }

    @Test
    void aRollingServiceMayBeAnExistingOneBehindOneTargetGroup() {
        Rolling rolling = (Rolling) web(Fixtures.WEB.substring(Fixtures.WEB.indexOf("  strategy:")), """
                  strategy:
                    rolling:
                      serviceName: web-prod
                      targetGroup: web-tg
                      container: {name: web, port: 8080}
                """).strategy();
        assertEquals("web-prod", rolling.ecsServiceName("web"));
        assertEquals(new Rolling.TargetGroupRoute("web-tg", "web", 8080), rolling.targetGroup().orElseThrow());
    }

    @Test
    void awsOwnEnginesAreStrategiesOfTheirOwn() {
        String strategy = Fixtures.WEB.substring(Fixtures.WEB.indexOf("  strategy:"));
        assertInstanceOf(EcsNative.class, web(strategy, "  strategy:\n    ecs: {serviceName: web-prod}\n").strategy());
        // the service's own loadBalancers are in spec.service, as CreateService takes them
        String service = Fixtures.WEB.substring(Fixtures.WEB.indexOf("  service:"));
        CodeDeploy cd = (CodeDeploy) web(service, """
                  service:
                    desiredCount: 2
                    loadBalancers: [{targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web/1", containerName: web, containerPort: 8080}]
                  strategy:
                    codeDeploy:
                      application: shop
                      deploymentGroup: web
                """).strategy();
        assertEquals(Optional.of("shop"), cd.application());
        assertEquals(Optional.of(new CodeDeploy.Group("shop", "web")), cd.group());
        assertEquals("web", cd.ecsServiceName("web"));
        // as turnout import writes it from files, which cannot know the deployment group: valid, not deployable
        CodeDeploy imported = (CodeDeploy) web(service, """
                  service:
                    loadBalancers: [{targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web/1", containerName: web, containerPort: 8080}]
                  strategy:
                    codeDeploy: {serviceName: web-prod}
                """).strategy();
        assertEquals(Optional.empty(), imported.group());
        SpecProblem half = problemContaining(invalid(service, """
                  service:
                    loadBalancers: [{targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web/1", containerName: web, containerPort: 8080}]
                  strategy:
                    codeDeploy: {application: shop}
                """), "deploymentGroup");
        assertTrue(half.pointer().startsWith("/spec/strategy/codeDeploy"), half.describe());
    }

    @Test
    void bothSlotsCannotBeOneService() {
        SpecProblem p = problemContaining(invalid("    blueGreen:\n", "    blueGreen:\n      slots: {a: web-prod, b: web-prod}\n"),
                "both slots are ECS service 'web-prod'");
        assertEquals("/spec/strategy/blueGreen/slots/b", p.pointer());
        SpecProblem defaulted = problemContaining(invalid("    blueGreen:\n", "    blueGreen:\n      slots: {a: web--b}\n"),
                "both slots are ECS service 'web--b'");
        assertTrue(defaulted.fix().contains("web--b"), defaulted.fix());
    }

    @Test
    void twoServicesOfOneEnvironmentCannotClaimOneEcsService() {
        List<SpecProblem> found = problems(repo().with(WEB, Fixtures.WEB.replace("    blueGreen:\n",
                "    blueGreen:\n      slots: {a: catalog--a}\n")));
        SpecProblem p = problemContaining(found, "ECS service 'catalog--a' is also service");
        assertTrue(p.fix().contains("each ECS service belongs to one Turnout service"), p.describe());
    }

    @Test
    void aRollingTargetGroupsContainerMustMapThePort() {
        String strategy = Fixtures.WEB.substring(Fixtures.WEB.indexOf("  strategy:"));
        List<SpecProblem> found = invalid(strategy, """
                  strategy:
                    rolling:
                      targetGroup: web-tg
                      container: {name: web, port: 9090}
                """);
        SpecProblem p = problemContaining(found, "No container definition has port mapping that matches the target port 9090"
                + " of target group web-tg");
        assertEquals("/spec/strategy/rolling/container/port", p.pointer());
        assertTrue(problemContaining(invalid(strategy, "  strategy:\n    rolling: {targetGroup: web-tg}\n"), "container")
                .pointer().startsWith("/spec/strategy/rolling"), "a target group needs its container");
    }
}
