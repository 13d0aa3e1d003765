package io.turnout.importer;

import java.util.Optional;
import java.util.Set;

/**
 * What import knows about the traffic around the services it found: the load balancers their
 * target groups are attached to and the DNS records pointing at their Cloud Map services. Read
 * from a live cluster; files say nothing about listeners or records ({@link #NONE}).
 */
interface TrafficFacts {
    /** Files: no load balancer or zone was read. */
    TrafficFacts NONE = new TrafficFacts() {
        @Override
        public boolean read() {
            return false;
        }

        @Override
        public Optional<ElbLayout.Result> elb(String targetGroupArn, Set<String> takenByOthers) {
            return Optional.empty();
        }

        @Override
        public Optional<Integer> targetGroupPort(String targetGroupArn) {
            return Optional.empty();
        }

        @Override
        public Optional<DnsPair> dns(String registryArn) {
            return Optional.empty();
        }
    };

    /** Whether listeners and records were read (a live cluster), so that "no stage listener" is a finding. */
    boolean read();

    /** The blue/green layout around a target group, from the load balancer it is attached to. */
    Optional<ElbLayout.Result> elb(String targetGroupArn, Set<String> takenByOthers);

    /** A target group's own port. */
    Optional<Integer> targetGroupPort(String targetGroupArn);

    /** The weighted records around a Cloud Map service (by its ARN). */
    Optional<DnsPair> dns(String registryArn);
}
