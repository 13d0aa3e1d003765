package io.turnout.importer;

/**
 * Something import found but a spec cannot say (or says differently), and why: printed by
 * {@code turnout import} and written at the top of the service's spec file, never dropped
 * silently.
 *
 * @param service the Turnout service it belongs to, or the file / ECS service name when none was written
 * @param what    the field or feature ({@code serviceConnectConfiguration}, {@code auto scaling})
 * @param why     why it is not in the spec, and what that means for the team
 */
public record Unexpressed(String service, String what, String why) {
    /** {@code what: why}, for one line of a report. */
    public String describe() {
        return what + ": " + why;
    }
}
