package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.EffectiveService;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code deploy/local/trial-specs.sh} run as the trial runs it, and what it writes read back with
 * Turnout's own spec loader: the ids a spec tree sends in CreateService's
 * {@code awsvpcConfiguration}, environment by environment and service by service.
 */
final class TrialSpecs {
    static final Path SCRIPT = DeployFiles.deploy("local/trial-specs.sh");
    static final Path EXAMPLE = DeployFiles.repositoryRoot().resolve("specs-example");

    private TrialSpecs() {}

    /** The subnet and security group ids of one service in one environment, in spec order. */
    record Network(List<String> subnets, List<String> securityGroups) {
        List<String> all() {
            List<String> all = new ArrayList<>(subnets);
            all.addAll(securityGroups);
            return all;
        }

        Network mapped(Map<String, String> ids) {
            return new Network(subnets.stream().map(ids::get).toList(), securityGroups.stream().map(ids::get).toList());
        }
    }

    static String sh() {
        for (String candidate : List.of("/bin/sh", "/usr/bin/sh")) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return null;
    }

    /** {@code trial-specs.sh ARGS…} with only PATH (and {@code environment}) set. */
    static LocalTrialTest.Result run(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(sh(), SCRIPT.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(environment);
        env.put("PATH", "/usr/bin:/bin");
        return LocalTrialTest.run(command, env);
    }

    /** Loads a spec tree that must be valid. */
    static SpecTree load(Path dir) {
        LoadResult result = SpecLoader.load(dir);
        assertTrue(result.isValid(), () -> dir + " is not a valid spec tree:\n"
                + String.join("\n", result.problems().stream().map(SpecProblem::describe).toList()));
        return result.tree().orElseThrow();
    }

    /** "environment/service" to the network of that service there, overrides applied. */
    static Map<String, Network> networks(SpecTree tree) {
        Map<String, Network> networks = new LinkedHashMap<>();
        for (EnvironmentSpec environment : tree.environments()) {
            for (EffectiveService service : tree.servicesIn(environment)) {
                JsonNode vpc = service.service().path("networkConfiguration").path("awsvpcConfiguration");
                networks.put(environment.name() + "/" + service.name(),
                        new Network(strings(vpc.path("subnets")), strings(vpc.path("securityGroups"))));
            }
        }
        return networks;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    /** Every regular file below {@code dir} (outside .git), with its content. */
    static Map<Path, String> files(Path dir) {
        Map<Path, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = dir.relativize(f);
                if (!relative.startsWith(".git")) files.put(relative, Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The lines of a {@code network-ids} file (as create-example-infra.sh writes it). */
    static void writeNetworkIds(Path file, Map<String, String> ids) throws IOException {
        StringBuilder text = new StringBuilder("# made up by the test, as create-example-infra.sh writes them\n");
        ids.forEach((from, to) -> text.append(from).append(' ').append(to).append('\n'));
        Files.writeString(file, text);
    }

    static void assertExit(int expected, LocalTrialTest.Result result) {
        assertEquals(expected, result.exit(), result.output());
    }
}
