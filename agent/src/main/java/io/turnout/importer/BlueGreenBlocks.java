package io.turnout.importer;

import io.turnout.spec.Slot;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code strategy.blueGreen} block of an imported pair: its slots (the ECS services found,
 * named under {@code slots} when they are not Turnout's own {@code <service>--a/--b}), its
 * traffic (the prod and stage routes and two target groups, or the weighted records and two
 * Cloud Map services) and its auto scaling.
 */
final class BlueGreenBlocks {
    private BlueGreenBlocks() {}

    static String elb(ObjectNode strategy, Candidate c, String name, FoundService blue, List<String> remarks,
                      List<Unexpressed> unexpressed) {
        ElbPair pair = c.elb().orElseThrow();
        ObjectNode bg = strategy.putObject("blueGreen");
        slots(bg, c, name);
        ObjectNode elb = bg.putObject("traffic").putObject("elb");
        elb.put("loadBalancer", pair.loadBalancer());
        elb.putObject("prodListener").put("port", pair.prodListenerPort());
        elb.putObject("stageListener").put("port", pair.stageListenerPort());
        pair.prodRulePriority().ifPresent(p -> elb.putObject("prodRule").put("priority", p));
        pair.stageRulePriority().ifPresent(p -> elb.putObject("stageRule").put("priority", p));
        // each slot keeps the group its service is registered in; a slot without a service takes the free one
        List<String> groups = List.of(pair.prodTargetGroup().name(), pair.otherTargetGroup().name());
        String aGroup = group(c.a()).filter(groups::contains).orElseGet(() -> group(c.b()).filter(groups::contains)
                .map(b -> other(pair, b)).orElse(pair.prodTargetGroup().name()));
        // both slots in one group (Harness's scenario 2): slot b gets the free one; its next update moves it there
        String bGroup = other(pair, aGroup);
        elb.putObject("targetGroups").put("a", aGroup).put("b", bGroup);
        JsonNode lb = blue.loadBalancers().getFirst();
        elb.putObject("container").put("name", lb.path("containerName").asString()).put("port", lb.path("containerPort").asInt());
        blue.autoScaling().ifPresent(a -> bg.set("autoScaling", a));
        remarks.add("blue/green on " + pair.loadBalancer() + ": prod " + route(pair.prodListenerPort(), pair.prodRulePriority())
                + ", stage " + route(pair.stageListenerPort(), pair.stageRulePriority()) + " (import takes the lower port,"
                + " or the lower rule priority, for production: check). Verification defaults to the environment's"
                + " deployment.verification: add httpChecks through stage under strategy.blueGreen.verification");
        if (c.b().isEmpty() || c.a().isEmpty()) {
            remarks.add("slot " + (c.a().isEmpty() ? "a" : "b") + " does not exist yet: the next deployment creates it on target group "
                    + (c.a().isEmpty() ? aGroup : bGroup) + ", verifies it through stage, then moves production to it");
        }
        return "blueGreen (ELB " + pair.loadBalancer() + " " + route(pair.prodListenerPort(), pair.prodRulePriority()) + " / "
                + route(pair.stageListenerPort(), pair.stageRulePriority()) + ", target groups " + aGroup + " / " + bGroup + ")";
    }

    static String dns(ObjectNode strategy, Candidate c, String name, FoundService blue, List<String> remarks,
                      List<Unexpressed> unexpressed) {
        DnsPair pair = c.dns().orElseThrow();
        ObjectNode bg = strategy.putObject("blueGreen");
        slots(bg, c, name);
        ObjectNode dns = bg.putObject("traffic").putObject("dns");
        dns.put("hostedZone", pair.zone().name().endsWith(".") ? pair.zone().name() : pair.zone().name() + ".");
        dns.put("recordName", pair.recordName());
        dns.put("ttl", pair.ttl());
        dns.put("namespace", pair.namespace().name());
        boolean ownIsA = c.a().map(a -> a.registryArns().contains(pair.own().arn())).orElse(!c.b().map(b -> b.registryArns()
                .contains(pair.own().arn())).orElse(false));
        dns.putObject("cloudMapServices").put("a", (ownIsA ? pair.own() : pair.other()).name())
                .put("b", (ownIsA ? pair.other() : pair.own()).name());
        blue.autoScaling().ifPresent(a -> bg.set("autoScaling", a));
        if (pair.turnoutService().filter(name::equals).isEmpty()) {
            unexpressed.add(new Unexpressed(name, "weighted records " + pair.recordName() + " (set identifiers "
                    + pair.ownRecord().setIdentifier() + ", " + pair.otherRecord().setIdentifier() + ")", "Turnout's DNS mode"
                    + " names them " + name + "-a and " + name + "-b: until they are renamed, its plan sees no records and"
                    + " its first deployment writes its own"));
        }
        remarks.add("blue/green by DNS weights on " + pair.recordName() + "; weightSteps default to one step to 100:"
                + " add steps (e.g. 10, 50, 100) with bake times under traffic.dns.weightSteps");
        return "blueGreen (DNS " + pair.recordName() + ", Cloud Map " + pair.own().name() + " / " + pair.other().name() + ")";
    }

    /** {@code slots:} for the ECS services that are not Turnout's own {@code <name>--a/--b}. */
    private static void slots(ObjectNode bg, Candidate c, String name) {
        ObjectNode slots = bg.objectNode();
        c.a().filter(a -> !a.ecsName().equals(Slot.A.ecsServiceName(name))).ifPresent(a -> slots.put("a", a.ecsName()));
        c.b().filter(b -> !b.ecsName().equals(Slot.B.ecsServiceName(name))).ifPresent(b -> slots.put("b", b.ecsName()));
        if (!slots.isEmpty()) bg.set("slots", slots);
    }

    private static Optional<String> group(Optional<FoundService> s) {
        return s.flatMap(x -> x.targetGroupArns().stream().findFirst()).map(ElbPair.TargetGroupRef::nameOf);
    }

    private static String other(ElbPair pair, String group) {
        return group.equals(pair.prodTargetGroup().name()) ? pair.otherTargetGroup().name() : pair.prodTargetGroup().name();
    }

    private static String route(int port, Optional<Integer> priority) {
        return ":" + port + priority.map(p -> " rule " + p).orElse("");
    }
}
