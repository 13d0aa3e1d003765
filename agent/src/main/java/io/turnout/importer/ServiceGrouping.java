package io.turnout.importer;

import io.turnout.cloud.Tags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which ECS services belong together: the slots Turnout created (tagged {@code turnout:service}
 * and {@code turnout:slot}), pairs another tool left behind (two services running one task
 * definition family on the two target groups of a prod/stage route pair, or on the two Cloud
 * Map services of a weighted record pair), and everything else one by one — each with the
 * traffic found around it.
 */
final class ServiceGrouping {
    private final TrafficFacts traffic;

    ServiceGrouping(TrafficFacts traffic) {
        this.traffic = traffic;
    }

    List<Candidate> group(List<FoundService> services) {
        List<Candidate> out = new ArrayList<>();
        Set<FoundService> used = new HashSet<>();
        Map<String, List<FoundService>> tagged = new LinkedHashMap<>();
        for (FoundService s : services) {
            String owner = s.turnoutTags().get(Tags.SERVICE);
            String slot = s.turnoutTags().get(Tags.SLOT);
            if (owner != null && ("a".equals(slot) || "b".equals(slot))) tagged.computeIfAbsent(owner, k -> new ArrayList<>()).add(s);
        }
        tagged.forEach((owner, slots) -> {
            Optional<FoundService> a = slots.stream().filter(s -> "a".equals(s.turnoutTags().get(Tags.SLOT))).findFirst();
            Optional<FoundService> b = slots.stream().filter(s -> "b".equals(s.turnoutTags().get(Tags.SLOT))).findFirst();
            FoundService blue = slots.stream().filter(s -> Tags.BLUE.equals(s.turnoutTags().get(Tags.BG_VERSION))).findFirst()
                    .orElse(slots.stream().max((x, y) -> Integer.compare(x.runningCount(), y.runningCount())).orElseThrow());
            Optional<ElbPair> elb = single(blue.targetGroupArns()).flatMap(tg -> traffic.elb(tg, taken(services, a, b)))
                    .flatMap(ElbLayout.Result::pair);
            Optional<DnsPair> dns = single(blue.registryArns()).flatMap(traffic::dns);
            out.add(new Candidate(a, b, blue, elb, dns, Optional.of(owner), "not a blue/green pair"));
            a.ifPresent(used::add);
            b.ifPresent(used::add);
        });
        for (FoundService s : services) {
            if (used.contains(s)) continue;
            used.add(s);
            out.add(untagged(s, services, used));
        }
        return out;
    }

    private Candidate untagged(FoundService s, List<FoundService> services, Set<FoundService> used) {
        Optional<String> tg = single(s.targetGroupArns());
        if (tg.isPresent() && s.loadBalancers().size() == 1) {
            Set<String> taken = new HashSet<>();
            services.stream().filter(o -> o != s && !sameFamily(o, s)).forEach(o -> taken.addAll(o.targetGroupArns()));
            Optional<ElbLayout.Result> layout = traffic.elb(tg.get(), taken);
            if (layout.isPresent() && layout.get().pair().isPresent()) {
                ElbPair pair = layout.get().pair().get();
                String otherTg = pair.prodTargetGroup().arn().equals(tg.get()) ? pair.otherTargetGroup().arn()
                        : pair.prodTargetGroup().arn();
                Optional<FoundService> partner = services.stream().filter(o -> o != s && !used.contains(o)
                        && sameFamily(o, s) && o.targetGroupArns().equals(List.of(otherTg))).findFirst();
                partner.ifPresent(used::add);
                FoundService onProd = pair.prodTargetGroup().arn().equals(tg.get()) ? s : partner.orElse(null);
                FoundService onOther = onProd == s ? partner.orElse(null) : s;
                FoundService blue = onProd != null ? onProd : s;
                return new Candidate(Optional.ofNullable(onProd), Optional.ofNullable(onOther), blue, Optional.of(pair),
                        Optional.empty(), Optional.empty(), "");
            }
            return Candidate.single(s, layout.map(ElbLayout.Result::why).orElse(traffic.read()
                    ? "its target group is attached to no load balancer" : "files do not say which listeners forward to its"
                    + " target group"));
        }
        Optional<String> registry = single(s.registryArns());
        if (registry.isPresent()) {
            Optional<DnsPair> dns = traffic.dns(registry.get());
            if (dns.isPresent()) {
                Optional<FoundService> partner = services.stream().filter(o -> o != s && !used.contains(o) && sameFamily(o, s)
                        && o.registryArns().equals(List.of(dns.get().other().arn()))).findFirst();
                partner.ifPresent(used::add);
                boolean ownIsA = dns.get().ownIsSlotA() || dns.get().turnoutService().isEmpty();
                // production is on the record with the higher weight
                long own = weight(dns.get().ownRecord().weight());
                long other = weight(dns.get().otherRecord().weight());
                FoundService blue = own >= other ? s : partner.orElse(s);
                return new Candidate(ownIsA ? Optional.of(s) : partner, ownIsA ? partner : Optional.of(s), blue,
                        Optional.empty(), dns, dns.get().turnoutService(), "");
            }
            return Candidate.single(s, traffic.read() ? "no weighted Route 53 records point at its Cloud Map service"
                    : "files do not say which DNS records point at its Cloud Map service");
        }
        return Candidate.single(s, "");
    }

    private static long weight(Long weight) {
        return weight == null ? 0 : weight;
    }

    private static Set<String> taken(List<FoundService> services, Optional<FoundService> a, Optional<FoundService> b) {
        Set<String> taken = new HashSet<>();
        services.stream().filter(s -> !a.equals(Optional.of(s)) && !b.equals(Optional.of(s)))
                .forEach(s -> taken.addAll(s.targetGroupArns()));
        return taken;
    }

    private static boolean sameFamily(FoundService x, FoundService y) {
        return Objects.equals(family(x), family(y));
    }

    private static String family(FoundService s) {
        return s.taskDefinition().map(td -> td.path("family").asString()).orElse(null);
    }

    private static Optional<String> single(List<String> values) {
        return values.size() == 1 ? Optional.of(values.getFirst()) : Optional.empty();
    }
}
