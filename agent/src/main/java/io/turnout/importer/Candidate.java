package io.turnout.importer;

import java.util.Optional;

/**
 * One Turnout service to write: a single ECS service, or two that form a blue/green pair (slot
 * a and b), with the traffic found around them.
 *
 * @param a    slot a's ECS service (for a single service: the service)
 * @param b    slot b's, when a second one was found
 * @param blue the one serving production: its definition and settings become the spec
 */
record Candidate(Optional<FoundService> a, Optional<FoundService> b, FoundService blue, Optional<ElbPair> elb,
                 Optional<DnsPair> dns, Optional<String> turnoutName, String whyNotBlueGreen) {
    static Candidate single(FoundService service, String whyNotBlueGreen) {
        return new Candidate(Optional.of(service), Optional.empty(), service, Optional.empty(), Optional.empty(),
                Optional.empty(), whyNotBlueGreen);
    }
}
