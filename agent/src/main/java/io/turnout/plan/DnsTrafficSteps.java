package io.turnout.plan;

import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ServiceRegistryBinding;
import io.turnout.live.LiveDns;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.Slot;
import io.turnout.spec.Verification;
import io.turnout.spec.WeightStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * DNS mode: slots registered in their Cloud Map services; production moves by the weights of
 * two weighted CNAME records ({@code <service>-a}, {@code <service>-b}) pointing at them.
 */
record DnsTrafficSteps(String service, DnsTraffic spec, LiveDns live) implements TrafficSteps {
    @Override
    public String mode() {
        return "dns";
    }

    @Override
    public Optional<String> mainContainer() {
        return Optional.empty();
    }

    @Override
    public SlotBinding binding(Slot slot) {
        CloudMapServiceInfo cm = live.cloudMapServices().get(slot);
        return SlotBinding.cloudMapService(cm.name(), new ServiceRegistryBinding(cm.arn()));
    }

    @Override
    public Optional<String> boundElsewhere(Slot slot, EcsServiceInfo service) {
        ServiceRegistryBinding expected = binding(slot).serviceRegistry().orElseThrow();
        List<ServiceRegistryBinding> actual = service.serviceRegistries();
        if (actual.equals(List.of(expected))) return Optional.empty();
        if (actual.isEmpty()) return Optional.of("registered in no Cloud Map service");
        return Optional.of("registered in Cloud Map service " + actual.stream().map(ServiceRegistryBinding::registryArn)
                .collect(Collectors.joining(" and ")));
    }

    @Override
    public List<Step> verify(Slot slot, String ecsServiceName, Verification verification) {
        // no target group and no stage listener in DNS mode: steady state, the task check and bake time remain
        return List.of(new Verify(service, slot, ecsServiceName, Optional.empty(), Optional.empty(), Optional.empty(),
                verification));
    }

    @Override
    public List<Step> moveProduction(Slot to, boolean firstTime) {
        // the first deployment has no old slot serving anything: one step straight to 100/0
        List<WeightStep> weights = firstTime ? List.of(new WeightStep(100, Duration.ZERO)) : spec.weightSteps();
        List<Step> steps = new ArrayList<>();
        for (WeightStep w : weights) {
            steps.add(new ShiftWeights(service, live.zone().id(), live.zone().name(), spec.recordName(), spec.ttl(),
                    record(to, w.weight()), record(to.other(), 100 - w.weight()), w.bakeTime()));
        }
        return steps;
    }

    private WeightedRecord record(Slot slot, long weight) {
        String target = live.cloudMapServices().get(slot).name() + "." + stripDot(spec.namespace());
        return new WeightedRecord(slot, service + "-" + slot.id(), target, weight);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
