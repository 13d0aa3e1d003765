package io.turnout.cli;

import io.turnout.state.sql.SqlStateStore;
import io.turnout.state.sql.StateStoreSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --datasource}: which state store a command uses. By default the embedded store of the
 * command's data directory; with a PostgreSQL URL (or {@code TURNOUT_AGENT_DATASOURCE_URL}, the
 * variable the agent reads) the store the agent replicas share — so that {@code turnout apply} and
 * the agent take the same environment leases. The password is read from
 * {@code TURNOUT_AGENT_DATASOURCE_PASSWORD} only, never from the command line (it would show in
 * the process list and the shell history).
 */
final class StateOptions {
    private final Map<String, String> variables;

    StateOptions() {
        this(System.getenv());
    }

    StateOptions(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    @Option(names = "--datasource", paramLabel = "JDBC_URL",
            description = "The agent's PostgreSQL state store (jdbc:postgresql://host:5432/turnout; default: $TURNOUT_AGENT_DATASOURCE_URL,"
                    + " else the embedded store of the data directory). User and password: $TURNOUT_AGENT_DATASOURCE_USERNAME and"
                    + " $TURNOUT_AGENT_DATASOURCE_PASSWORD.")
    String datasource;

    Optional<String> url() {
        return Optional.ofNullable(datasource).or(() -> Optional.ofNullable(variables.get("TURNOUT_AGENT_DATASOURCE_URL")))
                .filter(u -> !u.isBlank());
    }

    /** Opens the store of {@code dataDir} (or the PostgreSQL one) for {@code owner}. */
    SqlStateStore open(Path dataDir, String owner) {
        return StateStoreSettings.embedded(dataDir)
                .withDatabase(url(), variables.get("TURNOUT_AGENT_DATASOURCE_USERNAME"), variables.get("TURNOUT_AGENT_DATASOURCE_PASSWORD"))
                .open(owner);
    }
}
