package io.turnout.spec.load;

/**
 * A problem a rule found in one effective document, before it is placed in a file: which
 * document, the JSON pointer inside it, what is wrong and the fix. {@link ServiceRules} turns it
 * into a {@link io.turnout.spec.SpecProblem} at the line that wrote the value.
 */
record Finding(Target target, String pointer, String message, String fix) {
    /** The document a finding points into. */
    enum Target {
        /** The task definition (RegisterTaskDefinition request), overrides applied. */
        TASK_DEFINITION,
        /** The service settings (CreateService request), overrides applied. */
        SETTINGS,
        /** The Service file itself (its strategy), by absolute pointer. */
        SPEC
    }

    static Finding taskDefinition(String pointer, String message, String fix) {
        return new Finding(Target.TASK_DEFINITION, pointer, message, fix);
    }

    static Finding settings(String pointer, String message, String fix) {
        return new Finding(Target.SETTINGS, pointer, message, fix);
    }

    static Finding spec(String pointer, String message, String fix) {
        return new Finding(Target.SPEC, pointer, message, fix);
    }
}
