package io.turnout.plan;

import io.turnout.live.ArchitectureFixtureLive;

/** The other half of {@link ArchitectureFixtureLive}'s cycle (test sources only). */
public final class ArchitectureFixturePlan {
    ArchitectureFixtureLive back() {
        return new ArchitectureFixtureLive();
    }
}
