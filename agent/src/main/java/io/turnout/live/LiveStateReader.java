package io.turnout.live;

import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;

/**
 * Reads one environment's live state through a cloud gateway with as few calls as AWS
 * allows (DescribeServices 10 at a time with tags; listeners, rules and target groups once
 * per load balancer; record sets once per zone). Read-only: never changes anything.
 */
public interface LiveStateReader {
    LiveState read(EnvironmentSpec environment, SpecTree specs);
}
