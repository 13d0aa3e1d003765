package io.turnout.importer;

import java.util.Optional;

/**
 * Where the imported services run, as the Environment file will say: its name, and the cluster,
 * region and account when given on the command line (otherwise read from what is imported).
 */
public record ImportTarget(String environment, Optional<String> cluster, Optional<String> region,
                           Optional<String> account) {}
