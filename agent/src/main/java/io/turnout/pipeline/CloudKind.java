package io.turnout.pipeline;

/** Which cloud a command or the agent talks to: {@code sim} (the simulated cloud of a world file) or {@code aws}. */
public enum CloudKind {
    SIM, AWS
}
