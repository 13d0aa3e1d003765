package io.turnout.cli;

/** Exit codes of every command, the same convention as {@code terraform plan -detailed-exitcode}. */
public final class ExitCodes {
    private ExitCodes() {}

    /** Valid / in sync: nothing to do. */
    public static final int OK = 0;
    /** Something is wrong: invalid specs, missing infrastructure, a failed call, bad options. */
    public static final int ERROR = 1;
    /** The plan has changes pending. */
    public static final int CHANGES = 2;
}
