package io.turnout.plan;

import io.turnout.spec.Slot;
import java.util.Optional;

/**
 * Flip the tags after traffic moved: {@code BG_VERSION=BLUE} plus the commit and spec hash on
 * the new BLUE slot, {@code BG_VERSION=GREEN} on the other.
 */
public record Retag(String service, String cluster, Slot blue, String blueEcsServiceName, Slot green,
                    String greenEcsServiceName, Optional<String> commit, String specHash) implements Step {
    @Override
    public String describe() {
        return "Tag " + blueEcsServiceName + " BLUE (" + commit.map(c -> "commit " + c + ", ").orElse("")
                + "spec " + specHash + "), " + greenEcsServiceName + " GREEN";
    }
}
