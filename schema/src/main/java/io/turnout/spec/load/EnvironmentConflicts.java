package io.turnout.spec.load;

import io.turnout.spec.BlueGreen;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.ListenerRule;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.load.LoadRun.LoadedService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resources two services of one environment cannot share, because each service's deployment
 * moves them: a target group, a listener's default action, a listener rule, a Cloud Map service,
 * a DNS record. AWS would accept both specs, and each deployment would then take the other
 * service's traffic; so the second claim is refused, naming the first.
 */
final class EnvironmentConflicts {
    private static final String ELB = "/spec/strategy/blueGreen/traffic/elb";
    private static final String DNS = "/spec/strategy/blueGreen/traffic/dns";

    /** Who claimed a resource first. */
    private record Claim(LoadedService service, String pointer) {}

    private final List<LoadedService> services;
    private final Map<String, Claim> claims = new HashMap<>();
    private final List<SpecProblem> problems = new ArrayList<>();

    EnvironmentConflicts(List<LoadedService> services) {
        this.services = services;
    }

    List<SpecProblem> check() {
        for (LoadedService s : services) {
            if (!(s.spec().strategy() instanceof BlueGreen bg)) continue;
            switch (bg.traffic()) {
                case ElbTraffic elb -> {
                    claim(s, "target group '" + elb.targetGroups().a() + "'", ELB + "/targetGroups/a");
                    claim(s, "target group '" + elb.targetGroups().b() + "'", ELB + "/targetGroups/b");
                    listener(s, elb, elb.prodListenerPort(), elb.prodRule(), "prod");
                    listener(s, elb, elb.stageListenerPort(), elb.stageRule(), "stage");
                }
                case DnsTraffic dns -> {
                    claim(s, "Cloud Map service '" + dns.cloudMapServices().a() + "' in namespace " + dns.namespace(), DNS + "/cloudMapServices/a");
                    claim(s, "Cloud Map service '" + dns.cloudMapServices().b() + "' in namespace " + dns.namespace(), DNS + "/cloudMapServices/b");
                    claim(s, "DNS record " + name(dns.recordName()) + " in zone " + name(dns.hostedZone()), DNS + "/recordName");
                }
            }
        }
        return problems;
    }

    private void listener(LoadedService s, ElbTraffic elb, int port, Optional<ListenerRule> rule, String which) {
        String listener = "listener " + port + " of load balancer " + elb.loadBalancer();
        if (rule.isPresent()) {
            claim(s, "the rule with priority " + rule.get().priority() + " on " + listener, ELB + "/" + which + "Rule/priority");
        } else {
            // without rules the swap rewrites the listener's default action; rules of other services stay
            claim(s, "the default action of " + listener, ELB + "/" + which + "Listener/port");
        }
    }

    /** Claims {@code resource} in each of the service's environments; a second claim in one environment is a problem. */
    private void claim(LoadedService s, String resource, String pointer) {
        for (String env : s.spec().environments()) {
            Claim first = claims.putIfAbsent(env + "\u0000" + resource, new Claim(s, pointer));
            if (first == null || first.service() == s) continue;
            problems.add(new SpecProblem(s.doc().positions().locateValue(pointer), pointer,
                    "service '" + s.spec().name() + "' and service '" + first.service().spec().name() + "' (" + first.service().doc().path()
                            + ") both use " + resource + " in environment '" + env + "': each deployment would move the other's traffic",
                    "give each service its own; Turnout moves this one between the two slots of one service"));
            return;
        }
    }

    /** DNS names compare without case and without the trailing dot. */
    private static String name(String dns) {
        String lower = dns.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
