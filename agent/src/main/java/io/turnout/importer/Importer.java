package io.turnout.importer;

import io.turnout.cloud.CloudGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code turnout import}: reads what runs (a cluster through the cloud gateway, or definition
 * files), groups the ECS services into Turnout services, infers each one's strategy, fits the
 * result to the spec format and writes the repository: one Environment file and one folder per
 * service. Never calls a mutating AWS operation; never overwrites a file unless asked.
 */
public final class Importer {
    private final ImportTarget target;
    private final Path out;
    private final boolean overwrite;

    public Importer(ImportTarget target, Path out, boolean overwrite) {
        this.target = target;
        this.out = out;
        this.overwrite = overwrite;
    }

    /** Imports the services of {@code target.cluster()} (all, or those named in {@code only}). */
    public ImportResult fromCluster(CloudGateway gateway, String region, List<String> only) {
        String cluster = target.cluster().orElseThrow(() -> new ImportException("which cluster? --cluster is required"
                + " to import from a live cluster", "Pass --cluster NAME (or definition files instead)."));
        LiveCluster live = new LiveCluster(gateway, cluster).read(only);
        Optional<String> account = target.account().or(live::account);
        return build(live.services(), live, new ArrayList<>(), cluster, region, account,
                "cluster " + cluster + " in " + region + account.map(a -> " (account " + a + ")").orElse(""));
    }

    /** Imports definition files; {@code serviceName} names a service its definition does not name (ecspresso's). */
    public ImportResult fromFiles(List<Path> files, Optional<String> serviceName) {
        DefinitionFiles definitions = new DefinitionFiles().read(files, serviceName);
        String cluster = target.cluster().or(definitions::cluster).orElseThrow(() -> new ImportException(
                "which cluster? the files do not name one", "Pass --cluster NAME."));
        String region = target.region().or(definitions::region).orElseThrow(() -> new ImportException(
                "which region? the files do not say (no ARN in them)", "Pass --region, e.g. --region eu-west-1."));
        Optional<String> account = target.account().or(definitions::account);
        return build(definitions.services(), TrafficFacts.NONE, new ArrayList<>(definitions.refused()), cluster, region,
                account, String.join(", ", files.stream().map(Path::toString).toList()));
    }

    private ImportResult build(List<FoundService> found, TrafficFacts traffic, List<Unexpressed> refused, String cluster,
                               String region, Optional<String> account, String origin) {
        TurnoutNames names = new TurnoutNames();
        Map<String, ImportedService> services = new TreeMap<>();
        Map<String, String> families = new HashMap<>();
        for (Candidate c : new ServiceGrouping(traffic).group(found)) {
            String name = names.of(c.turnoutName().orElseGet(() -> c.a().isPresent() && c.b().isPresent()
                    ? TurnoutNames.common(c.a().get().ecsName(), c.b().get().ecsName()) : c.blue().ecsName()));
            Optional<ImportedService> s = StrategyInference.infer(c, name, traffic, refused);
            if (s.isEmpty()) continue;
            String family = s.get().taskDefinition().path("family").asString();
            String other = families.putIfAbsent(family, name);
            if (other != null) {
                refused.add(new Unexpressed(name, String.join(", ", s.get().ecsServices()), "not imported: it runs task"
                        + " definition family " + family + " like service " + other + ", and Turnout registers one family"
                        + " per service; give it a family of its own, then import it again"));
                continue;
            }
            services.put(name, s.get());
        }
        String environmentText = ImportWriter.environment(target.environment(), region, account, cluster, origin);
        String environmentFile = ImportWriter.environmentPath(target.environment());
        Map<String, ImportedService> fitted = SpecFitting.fit(environmentFile, environmentText, target.environment(),
                services, refused);
        Map<String, String> files = new LinkedHashMap<>();
        if (fitted.isEmpty()) return new ImportResult(out, target.environment(), cluster, List.of(), refused, List.of());
        files.put(environmentFile, environmentText);
        for (ImportedService s : fitted.values()) {
            files.put(ImportWriter.servicePath(s.name()), ImportWriter.service(s, target.environment()));
            files.put(ImportWriter.taskDefinitionPath(s.name()), ImportWriter.taskDefinition(s.taskDefinition()));
        }
        write(files);
        return new ImportResult(out, target.environment(), cluster, List.copyOf(fitted.values()), refused,
                List.copyOf(files.keySet()));
    }

    private void write(Map<String, String> files) {
        if (!overwrite) {
            List<String> existing = files.keySet().stream().filter(f -> Files.exists(out.resolve(f))).toList();
            if (!existing.isEmpty()) {
                throw new ImportException("would overwrite " + String.join(", ", existing.stream()
                        .map(f -> out.resolve(f).toString()).toList()), "Import into an empty folder, or pass --force to"
                        + " overwrite them.");
            }
        }
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path path = out.resolve(f.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the imported specs under " + out + ": " + e.getMessage(), e);
        }
    }
}
