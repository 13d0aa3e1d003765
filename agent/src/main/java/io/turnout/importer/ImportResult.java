package io.turnout.importer;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import wrote: the environment, each service with its strategy and what it could not
 * express, the inputs (files, ECS services) that were not imported and why, and the files.
 */
public record ImportResult(Path out, String environment, String cluster, List<ImportedService> services,
                           List<Unexpressed> refused, List<String> files) {
    public ImportResult {
        services = List.copyOf(services);
        refused = List.copyOf(refused);
        files = List.copyOf(files);
    }

    /** One line per service ({@code web  blueGreen (ELB …)}) and per thing not expressed or not imported. */
    public List<String> report() {
        List<String> lines = new java.util.ArrayList<>();
        int width = services.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (ImportedService s : services) {
            lines.add("  " + s.name() + " ".repeat(width - s.name().length()) + "  " + s.summary()
                    + (s.ecsServices().equals(List.of(s.name())) ? "" : " from " + String.join(" + ", s.ecsServices())));
            for (Unexpressed u : s.unexpressed()) lines.add("      not expressed: " + u.describe());
        }
        return lines;
    }
}
