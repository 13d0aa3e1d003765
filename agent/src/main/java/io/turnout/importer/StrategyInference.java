package io.turnout.importer;

import io.turnout.spec.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which strategy a found service gets — the one place import decides it:
 *
 * <ol>
 *   <li>deployment controller CODE_DEPLOY → {@code codeDeploy};</li>
 *   <li>deploymentConfiguration.strategy BLUE_GREEN, LINEAR or CANARY → {@code ecs};</li>
 *   <li>a load balancer with a prod and a stage route to two target groups → {@code blueGreen} ELB;</li>
 *   <li>a Cloud Map service with a second one behind weighted Route 53 records → {@code blueGreen} DNS;</li>
 *   <li>otherwise {@code rolling}, in its target group when it has one (with a remark on how to go
 *       blue/green).</li>
 * </ol>
 *
 * {@code ecs} and {@code codeDeploy} are written as found: the service's own {@code loadBalancers}
 * (with ECS's {@code advancedConfiguration}) stay in its settings, as CreateService takes them. A
 * CodeDeploy application and deployment group are not read (neither DescribeServices nor the
 * files name them): until the spec names them, Turnout compares the service but does not deploy
 * it. A service under the EXTERNAL deployment controller (task sets managed by another tool) is
 * not imported.
 */
final class StrategyInference {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<String> AWS_BLUE_GREEN = Set.of("BLUE_GREEN", "LINEAR", "CANARY");
    private StrategyInference() {}

    /** The service to write for {@code candidate}, named {@code name}; empty (with why in {@code refused}) when none can be. */
    static Optional<ImportedService> infer(Candidate candidate, String name, TrafficFacts traffic, List<Unexpressed> refused) {
        FoundService blue = candidate.blue();
        List<Unexpressed> unexpressed = new ArrayList<>(blue.unexpressed());
        if (blue.taskDefinition().isEmpty()) {
            refused.addAll(unexpressed);
            return Optional.empty();
        }
        if (blue.deploymentController().equals("EXTERNAL")) {
            refused.add(new Unexpressed(blue.ecsName(), "deployment controller EXTERNAL", "its task sets are managed by"
                    + " another tool; Turnout deploys ECS and CODE_DEPLOY services only: not imported"));
            return Optional.empty();
        }
        ObjectNode settings = blue.settings().deepCopy();
        ObjectNode strategy = NODES.objectNode();
        List<String> remarks = new ArrayList<>();
        String summary;
        if (blue.deploymentController().equals("CODE_DEPLOY")) {
            ObjectNode block = strategy.putObject("codeDeploy");
            serviceName(block, blue, name);
            loadBalancers(settings, blue);
            remarks.add("strategy codeDeploy: the service is under a CodeDeploy deployment group; name it (application and"
                    + " deploymentGroup) for Turnout to deploy it with CodeDeploy: until then a plan compares the service"
                    + " and refuses to deploy a change");
            unexpressed.add(new Unexpressed(name, "CodeDeploy application and deployment group", "not read by import:"
                    + " add them as strategy.codeDeploy.application and deploymentGroup"));
            summary = "codeDeploy (name its deployment group to deploy)";
        } else if (AWS_BLUE_GREEN.contains(blue.deploymentStrategy())) {
            ObjectNode block = strategy.putObject("ecs");
            serviceName(block, blue, name);
            loadBalancers(settings, blue);
            remarks.add("strategy ecs: ECS's own " + blue.deploymentStrategy() + " deployments; Turnout updates the service,"
                    + " follows ECS's deployment stage by stage, verifies it and stops it with ROLLBACK on failure");
            summary = "ecs " + blue.deploymentStrategy();
        } else if (candidate.elb().isPresent()) {
            summary = BlueGreenBlocks.elb(strategy, candidate, name, blue, remarks, unexpressed);
        } else if (candidate.dns().isPresent()) {
            summary = BlueGreenBlocks.dns(strategy, candidate, name, blue, remarks, unexpressed);
        } else {
            summary = rolling(strategy, settings, candidate, name, traffic, remarks, unexpressed);
        }
        ObjectNode service = NODES.objectNode();
        blue.desiredCount().ifPresent(n -> service.put("desiredCount", n));
        settings.properties().forEach(e -> service.set(e.getKey(), e.getValue()));
        if (!blue.tags().isEmpty()) service.set("tags", blue.tags());
        if (strategy.has("rolling") && blue.autoScaling().isPresent()) {
            // auto scaling owns the count: a desiredCount in the spec would fight it at every deployment
            service.remove("desiredCount");
            unexpressed.add(new Unexpressed(name, "auto scaling (" + blue.autoScaling().get().path("minCapacity") + "–"
                    + blue.autoScaling().get().path("maxCapacity") + " tasks)", "Turnout's rolling strategy does not manage"
                    + " auto scaling: it stays as it is in AWS, and the spec leaves desiredCount out so as not to fight it"));
        }
        List<String> ecsServices = new ArrayList<>();
        candidate.a().ifPresent(s -> ecsServices.add(s.ecsName()));
        candidate.b().ifPresent(s -> ecsServices.add(s.ecsName()));
        if (ecsServices.isEmpty()) ecsServices.add(blue.ecsName());
        return Optional.of(new ImportedService(name, ecsServices, blue.taskDefinition().get(), service, strategy, remarks,
                unexpressed, summary));
    }

    private static String rolling(ObjectNode strategy, ObjectNode settings, Candidate candidate, String name,
                                  TrafficFacts traffic, List<String> remarks, List<Unexpressed> unexpressed) {
        FoundService s = candidate.blue();
        ObjectNode block = strategy.putObject("rolling");
        serviceName(block, s, name);
        String summary = "rolling";
        List<JsonNode> lbs = s.loadBalancers();
        if (lbs.size() == 1 && lbs.getFirst().has("targetGroupArn")) {
            JsonNode lb = lbs.getFirst();
            String tg = ElbPair.TargetGroupRef.nameOf(lb.path("targetGroupArn").asString());
            block.put("targetGroup", tg);
            block.putObject("container").put("name", lb.path("containerName").asString())
                    .put("port", lb.path("containerPort").asInt());
            summary = "rolling (target group " + tg + ")";
            remarks.add("rolling behind one target group" + (candidate.whyNotBlueGreen().isEmpty() ? ""
                    : " (" + candidate.whyNotBlueGreen() + ")") + ". To go blue/green without downtime: create a second"
                    + " target group and a stage listener (or rule) on the same load balancer, then replace this strategy"
                    + " with blueGreen: {slots: {a: " + s.ecsName() + "}, traffic: {elb: {…, targetGroups: {a: " + tg
                    + ", b: <second group>}}}}; Turnout creates slot b there, verifies it through stage and swaps");
        } else if (!lbs.isEmpty()) {
            unexpressed.add(new Unexpressed(name, "loadBalancers " + describe(lbs), "Turnout's rolling strategy binds one"
                    + " target group: the running service keeps its load balancers (a rolling update leaves them as they"
                    + " are), but a service created from this spec would have none"));
        }
        if (!s.registryArns().isEmpty()) {
            unexpressed.add(new Unexpressed(name, "serviceRegistries " + s.registryArns(), "Turnout sets Cloud Map"
                    + " registries only for blue/green DNS"
                    + (candidate.whyNotBlueGreen().isEmpty() ? "" : " (" + candidate.whyNotBlueGreen() + ")")
                    + ": the running service keeps them, a service created from this spec would have none"));
        }
        moveCircuitBreaker(settings, block);
        return summary;
    }

    /**
     * The rolling strategy owns the circuit breaker (Turnout's default: on, with rollback); the
     * service's own setting moves there so that the two never disagree.
     */
    private static void moveCircuitBreaker(ObjectNode settings, ObjectNode rolling) {
        JsonNode deployment = settings.path("deploymentConfiguration");
        JsonNode breaker = deployment.path("deploymentCircuitBreaker");
        boolean enable = breaker.path("enable").asBoolean(false);
        boolean rollback = breaker.path("rollback").asBoolean(false);
        if (!enable || !rollback) {
            rolling.put("circuitBreaker", enable);
            rolling.put("rollback", rollback);
        }
        if (deployment instanceof ObjectNode d) {
            d.remove("deploymentCircuitBreaker");
            if (d.isEmpty()) settings.remove("deploymentConfiguration");
        }
    }

    private static void serviceName(ObjectNode block, FoundService s, String name) {
        if (!s.ecsName().equals(name)) block.put("serviceName", s.ecsName());
    }

    /** The service's own load balancers, in its settings (AWS's engines: CreateService's shape, advancedConfiguration included). */
    private static void loadBalancers(ObjectNode settings, FoundService s) {
        if (s.loadBalancers().isEmpty()) return;
        var list = settings.putArray("loadBalancers");
        s.loadBalancers().forEach(lb -> list.add(lb.deepCopy()));
    }

    static String describe(List<JsonNode> lbs) {
        return String.join(", ", lbs.stream().map(lb -> lb.has("targetGroupArn")
                ? "target group " + ElbPair.TargetGroupRef.nameOf(lb.path("targetGroupArn").asString())
                : "classic load balancer " + lb.path("loadBalancerName").asString("?")).toList());
    }

    /** The slot of a candidate's ECS service. */
    static Optional<Slot> slotOf(Candidate c, FoundService s) {
        if (c.a().equals(Optional.of(s))) return Optional.of(Slot.A);
        if (c.b().equals(Optional.of(s))) return Optional.of(Slot.B);
        return Optional.empty();
    }
}
