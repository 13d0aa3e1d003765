package io.turnout.state;

import io.turnout.spec.SpecTree;
import java.util.Objects;

/**
 * What is known to be live in an environment: the commit last applied (or found live) and its
 * specs, already parsed, against which every poll without a new commit checks for drift.
 */
public record DriftBaseline(String commit, SpecTree specs) {
    public DriftBaseline {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(specs, "specs");
    }
}
