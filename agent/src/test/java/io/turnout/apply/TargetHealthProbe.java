package io.turnout.apply;

import io.turnout.cloud.HttpProbe;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The HTTP checks of {@link ExecutorAgainstEndpointTest}: moto's load balancers have a DNS
 * name but serve nothing, so a request is answered as the load balancer would route it, from
 * what the endpoint says. The load balancer is found by the URL's host name, the listener by
 * its port, the rule by priority and path pattern (else the default action); the answer is
 * {@code 200 ok} when the target group it forwards to has targets and all are healthy,
 * {@code 503} when it has none, {@code 502} when some are not healthy. It reads with the raw
 * SDK, so its calls do not count as Turnout's.
 */
public final class TargetHealthProbe implements HttpProbe {
    private final ElasticLoadBalancingV2Client elb;

    public TargetHealthProbe(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    @Override
    public Response get(URI uri, Duration timeout) {
        Optional<LoadBalancer> lb = elb.describeLoadBalancersPaginator(r -> {}).loadBalancers().stream()
                .filter(l -> uri.getHost().equalsIgnoreCase(l.dnsName())).findFirst();
        if (lb.isEmpty()) return new Response(0, "unknown host " + uri.getHost());
        Optional<Listener> listener = elb.describeListeners(r -> r.loadBalancerArn(lb.get().loadBalancerArn()))
                .listeners().stream().filter(l -> l.port() == uri.getPort()).findFirst();
        if (listener.isEmpty()) return new Response(0, "connection refused on port " + uri.getPort());
        List<Rule> rules = elb.describeRules(r -> r.listenerArn(listener.get().listenerArn())).rules().stream()
                .sorted(Comparator.comparing((Rule r) -> Boolean.TRUE.equals(r.isDefault()))
                        .thenComparing(r -> Boolean.TRUE.equals(r.isDefault()) ? 0 : Integer.parseInt(r.priority())))
                .toList();
        String path = uri.getPath().isEmpty() ? "/" : uri.getPath();
        List<Action> actions = rules.stream().filter(r -> Boolean.TRUE.equals(r.isDefault()) || matches(r, path))
                .findFirst().map(Rule::actions).orElse(listener.get().defaultActions());
        Optional<String> targetGroup = actions.stream().map(TargetHealthProbe::forwardTarget)
                .flatMap(Optional::stream).findFirst();
        if (targetGroup.isEmpty()) return new Response(404, "no forward action for " + path);
        List<TargetHealthDescription> health = elb.describeTargetHealth(r -> r.targetGroupArn(targetGroup.get()))
                .targetHealthDescriptions();
        if (health.isEmpty()) return new Response(503, "no registered targets");
        boolean allHealthy = health.stream().allMatch(h -> "healthy".equals(h.targetHealth().stateAsString()));
        return allHealthy ? new Response(200, "ok") : new Response(502, "unhealthy targets " + health);
    }

    private static boolean matches(Rule rule, String path) {
        for (RuleCondition c : rule.conditions()) {
            List<String> patterns = c.pathPatternConfig() != null && !c.pathPatternConfig().values().isEmpty()
                    ? c.pathPatternConfig().values() : c.values();
            if (!"path-pattern".equals(c.field())) return false; // host headers etc.: not what these tests use
            if (patterns.stream().noneMatch(p -> glob(p).matcher(path).matches())) return false;
        }
        return !rule.conditions().isEmpty();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            regex.append(switch (ch) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(ch));
            });
        }
        return Pattern.compile(regex.toString());
    }

    private static Optional<String> forwardTarget(Action a) {
        if (!"forward".equals(a.typeAsString())) return Optional.empty();
        if (a.targetGroupArn() != null) return Optional.of(a.targetGroupArn());
        if (a.forwardConfig() != null && a.forwardConfig().targetGroups().size() == 1) {
            return Optional.of(a.forwardConfig().targetGroups().getFirst().targetGroupArn());
        }
        return Optional.empty();
    }
}
