package io.turnout.status;

import io.turnout.error.TurnoutException;
import java.util.List;

/**
 * An environment asked for by name (on the command line, in the API) that the specs do not
 * define: the one way this is said, with the environments that do exist.
 */
public final class UnknownEnvironment extends TurnoutException {
    private final String name;
    private final List<String> known;

    /**
     * @param where the spec folder or repository looked in; empty when it goes without saying
     * @param known the environments that exist, sorted
     */
    public UnknownEnvironment(String name, String where, List<String> known) {
        super("no environment named '" + name + "'" + (where.isEmpty() ? "" : " in " + where),
                "Known environments: " + list(known) + ".");
        this.name = name;
        this.known = List.copyOf(known);
    }

    public List<String> known() {
        return known;
    }

    /** {@code no environment named 'x'; known: a, b}: the message and the known names in one line. */
    public String inOneLine() {
        return "no environment named '" + name + "'; known: " + list(known);
    }

    private static String list(List<String> known) {
        return known.isEmpty() ? "none yet (the agent has not read the spec repository)" : String.join(", ", known);
    }
}
