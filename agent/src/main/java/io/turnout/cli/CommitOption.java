package io.turnout.cli;

import picocli.CommandLine.Option;

/** {@code --commit SHA}: the spec commit the specs of a folder come from ({@code plan}, {@code apply}). */
final class CommitOption {
    @Option(names = "--commit", paramLabel = "SHA",
            description = "The spec commit the specs come from, if any: named in the plan, set as the commit status"
                    + " with --comment, and written as the turnout:commit tag by apply.")
    String commit;
}
