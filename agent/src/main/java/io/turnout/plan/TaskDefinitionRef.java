package io.turnout.plan;

import java.util.Optional;

/**
 * Which task definition revision a step uses: one that exists ({@code arn}), or, when
 * {@code arn} is empty, the revision the plan's {@link RegisterTaskDefinition} step of the
 * same {@code family} registers (its ARN is known only when that step has run).
 */
public record TaskDefinitionRef(String family, Optional<String> arn) {
    public static TaskDefinitionRef registeredByPlan(String family) {
        return new TaskDefinitionRef(family, Optional.empty());
    }

    public static TaskDefinitionRef existing(String family, String arn) {
        return new TaskDefinitionRef(family, Optional.of(arn));
    }

    /** {@code web:3} for an existing ARN, {@code web (new revision)} otherwise. */
    public String describe() {
        return arn.map(a -> a.substring(a.lastIndexOf('/') + 1)).orElse(family + " (new revision)");
    }
}
