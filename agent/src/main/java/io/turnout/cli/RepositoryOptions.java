package io.turnout.cli;

import picocli.CommandLine.Option;

/** {@code --repo} and {@code --path}: a spec repository and the folder in it that holds the specs ({@code plan}, {@code agent}). */
final class RepositoryOptions {
    @Option(names = "--repo", paramLabel = "URL",
            description = "The spec repository: https://…, ssh://…, git@host:org/repo.git, git://…, file://… or a path."
                    + " plan: plan a commit of it instead of a folder; agent: optional when repositories are configured.")
    String repo;

    @Option(names = "--path", paramLabel = "DIR", defaultValue = "",
            description = "The folder inside the repository that holds the specs (default: its root).")
    String path;
}
