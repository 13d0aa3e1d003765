package io.turnout.plan;

/** The verified canary has done its job: scale it to 0 and delete its service; the rolling update follows. */
public record RemoveCanary(String service, String cluster, String canaryEcsServiceName) implements Step {
    @Override
    public String describe() {
        return "Remove the canary " + canaryEcsServiceName + " (scaled to 0 and deleted)";
    }
}
