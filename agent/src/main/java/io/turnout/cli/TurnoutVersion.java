package io.turnout.cli;

import picocli.CommandLine;

/** {@code --version}: the jar's implementation version, or "development" when run from classes. */
final class TurnoutVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = TurnoutVersion.class.getPackage().getImplementationVersion();
        return new String[] {"turnout " + (v == null ? "development build" : v),
                "Java " + Runtime.version()};
    }
}
