package io.turnout.spec;

/** Whether the agent applies a new commit by itself or only keeps its plan for review. */
public enum SyncMode {
    /** Spec value {@code auto-apply}. */
    AUTO_APPLY,
    /** Spec value {@code plan-only}. */
    PLAN_ONLY;

    public String specValue() {
        return this == AUTO_APPLY ? "auto-apply" : "plan-only";
    }

    public static SyncMode fromSpec(String value) {
        return switch (value) {
            case "auto-apply" -> AUTO_APPLY;
            case "plan-only" -> PLAN_ONLY;
            default -> throw new IllegalArgumentException("sync policy must be auto-apply or plan-only, was " + value);
        };
    }
}
