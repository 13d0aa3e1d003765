package io.turnout.spec;

/**
 * One thing wrong with a spec repository, said so a person can fix it without reading code.
 *
 * @param location where (file:line:column)
 * @param pointer  the JSON pointer inside that file ({@code /spec/strategy/blueGreen/traffic/elb/containerPort}), "" for the whole file
 * @param message  what is wrong ("unknown field 'desiredCont'")
 * @param fix      what to do about it ("did you mean 'desiredCount'?"); may be empty
 */
public record SpecProblem(SourceLocation location, String pointer, String message, String fix) {
    /** Messages quote spec values, so every part is escaped for display once, here (see {@link DisplayText}). */
    public SpecProblem {
        pointer = DisplayText.escape(pointer);
        message = DisplayText.escape(message);
        fix = DisplayText.escape(fix);
    }

    /** {@code file:line:col: message (at /pointer). fix} — one line, as compilers print errors. */
    public String describe() {
        StringBuilder s = new StringBuilder().append(location).append(": ").append(message);
        if (pointer != null && !pointer.isEmpty()) s.append(" (at ").append(pointer).append(')');
        if (fix != null && !fix.isEmpty()) {
            // a sentence of its own: "… (at /spec/x). Did you mean 'y'?"
            s.append(". ").append(Character.toUpperCase(fix.charAt(0))).append(fix, 1, fix.length());
        }
        return s.toString();
    }
}
