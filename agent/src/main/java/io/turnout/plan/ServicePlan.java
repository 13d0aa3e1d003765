package io.turnout.plan;

import io.turnout.diff.Change;
import java.util.List;
import java.util.Optional;

/**
 * One service's part of a plan.
 *
 * @param service     the Turnout service name
 * @param kind        what kind of change
 * @param trafficMode {@code elb}, {@code dns} or {@code rolling}
 * @param changes     field-level differences, live (before) to desired (after); empty for a bootstrap
 * @param steps       what to do, in order; empty when in sync
 * @param imageBefore the main container's image now (the ELB container, else the first by name), if any
 * @param imageAfter  the main container's image after the plan, if the service is in the specs
 * @param notes       remarks for people (why something is skipped, what is left alone)
 * @param dependsOn   services of the environment this one is deployed after ({@code dependsOn} in its spec);
 *                    empty: it deploys side by side with the others
 */
public record ServicePlan(String service, PlanKind kind, String trafficMode, List<Change> changes, List<Step> steps,
                          Optional<String> imageBefore, Optional<String> imageAfter, List<String> notes,
                          List<String> dependsOn) {
    public ServicePlan {
        changes = List.copyOf(changes);
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn); // absent in plans stored before dependsOn
    }

    /** A service plan that depends on no other service. */
    public ServicePlan(String service, PlanKind kind, String trafficMode, List<Change> changes, List<Step> steps,
                       Optional<String> imageBefore, Optional<String> imageAfter, List<String> notes) {
        this(service, kind, trafficMode, changes, steps, imageBefore, imageAfter, notes, List.of());
    }

    /** The same plan, deployed after {@code services}. */
    public ServicePlan withDependsOn(List<String> services) {
        return new ServicePlan(service, kind, trafficMode, changes, steps, imageBefore, imageAfter, notes, services);
    }
}
