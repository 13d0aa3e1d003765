package io.turnout.importer;

import static io.turnout.importer.ImportRoundTripTest.turnout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.turnout.importer.ImportRoundTripTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code turnout import} on the real task and service definitions kept beside the project
 * ({@code ../shared/realworld}: AWS's documentation and CLI examples, aws-samples, the ECS agent's
 * fixtures, ecspresso and repositories that use it); skipped where they are not there. Each
 * imports into a repository that validates, or is refused with why (templates); a service
 * imports with its matching task definition. Where the simulated cloud can run it, the imported
 * spec is applied, then imported again from the simulated cluster, and both plan in sync.
 */
class ImportRealWorldTest {
    static final Path REALWORLD = Path.of("..", "..", "shared", "realworld").toAbsolutePath().normalize();
    /** A service definition and the task definition of the same application. */
    private static final List<String[]> PAIRS = List.of(new String[] {"svc03", "td25"}, new String[] {"svc09", "td27"},
            new String[] {"svc13", "td21"});
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyDocumentImportsOrIsRefusedWithWhy() throws IOException {
        assumeTrue(Files.isDirectory(REALWORLD), "no ../shared/realworld here");
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> documents;
        try (Stream<Path> files = Files.list(REALWORLD)) {
            documents = files.filter(f -> f.getFileName().toString().matches("(td|svc)[0-9]+-.*\\.json")).sorted().toList();
        }
        for (Path doc : documents) {
            String name = doc.getFileName().toString();
            String id = name.substring(0, name.indexOf('-'));
            List<Path> inputs = new ArrayList<>(List.of(doc));
            PAIRS.stream().filter(p -> p[0].equals(id)).findFirst().ifPresent(p -> inputs.add(find(documents, p[1])));
            if (id.startsWith("svc") && inputs.size() == 1 && !TEMPLATE.matcher(Files.readString(doc)).find()) {
                inputs.add(syntheticTaskDefinition(doc));
            }
            tests.add(DynamicTest.dynamicTest(name, () -> importOne(id, inputs)));
        }
        return tests.stream();
    }

    private void importOne(String id, List<Path> inputs) throws IOException {
        Path out = tmp.resolve(id);
        List<String> args = new ArrayList<>(List.of("import", "--env", "production", "--cluster", "rw", "--region", "eu-west-1",
                "--out", out.toString()));
        inputs.forEach(i -> args.add(i.toString()));
        Run imported = turnout(args.toArray(String[]::new));
        boolean template = false;
        for (Path input : inputs) template |= TEMPLATE.matcher(Files.readString(input)).find();
        if (template) {
            assertEquals(1, imported.exit(), imported.all());
            assertTrue(imported.out().contains("it is a template") && imported.out().contains("render it"), imported.all());
            return;
        }
        if (inputs.size() == 1 && id.startsWith("td") && Files.readString(inputs.getFirst()).contains("\"awsvpc\"")) {
            // no service to take the subnets from, and ECS refuses CreateService without them
            assertEquals(1, imported.exit(), imported.all());
            assertTrue(imported.out().contains("its networkMode is awsvpc"), imported.all());
            return;
        }
        assertEquals(0, imported.exit(), imported.all());
        Run validated = turnout("validate", out.toString());
        assertEquals(0, validated.exit(), imported.all() + "\n" + validated.all());
        if (id.equals("svc13")) {
            assertTrue(imported.out().contains("ecs BLUE_GREEN"), imported.all());
            return;
        }
        String environment = Files.readString(out.resolve("environments/production.yaml"));
        String serviceYaml = String.join("\n", serviceFiles(out));
        if (serviceYaml.contains("targetGroup:")) return; // nothing to run it in
        roundTripThroughTheSimulatedCloud(id, out, environment);
    }

    /** Apply the import to a simulated cluster, plan (in sync), import that cluster again (in sync). */
    private void roundTripThroughTheSimulatedCloud(String id, Path out, String environment) throws IOException {
        String account = group(environment, "accountId: \"([0-9]{12})\"").orElse("222222222222");
        Path world = tmp.resolve(id + "-world.yaml");
        Files.writeString(world, """
                apiVersion: turnout/v1
                kind: SimulatedWorld
                metadata: {name: realworld}
                spec:
                  regions:
                    - {account: "%s", region: eu-west-1, clusters: [rw]}
                """.formatted(account));
        Run applied = turnout("apply", "--env", "production", "--specs", out.toString(), "--world", world.toString(), "--auto-approve");
        assertEquals(0, applied.exit(), applied.all());
        Run plan = turnout("plan", "--env", "production", "--specs", out.toString(), "--world", world.toString());
        assertEquals(0, plan.exit(), plan.all());
        Run again = turnout("import", "--env", "production", "--cluster", "rw", "--cloud", "sim", "--world", world.toString(),
                "--account", account, "--out", tmp.resolve(id + "-again").toString());
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("Valid, and in sync with the cluster"), again.all());
    }

    private static List<String> serviceFiles(Path out) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out.resolve("services"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("service.yaml")).toList()) {
                texts.add(Files.readString(f));
            }
        }
        return texts;
    }

    private static java.util.Optional<String> group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static Path find(List<Path> documents, String id) {
        return documents.stream().filter(d -> d.getFileName().toString().startsWith(id + "-")).findFirst().orElseThrow();
    }

    /**
     * A task definition for a service definition that comes without one: the container its load
     * balancer names (or app), on the port it names, nginx, in the service's network mode.
     */
    private Path syntheticTaskDefinition(Path service) throws IOException {
        String text = Files.readString(service);
        String container = group(text, "\"containerName\"\\s*:\\s*\"([^\"]+)\"").orElse("app");
        String port = group(text, "\"containerPort\"\\s*:\\s*([0-9]+)").orElse("80");
        String family = group(text, "\"taskDefinition\"\\s*:\\s*\"([^\":]+)").orElse("app");
        String mode = text.contains("awsvpcConfiguration") ? "awsvpc" : "bridge";
        Path td = tmp.resolve(service.getFileName() + ".taskdef.json");
        Files.writeString(td, """
                {"family": "%s", "networkMode": "%s", "requiresCompatibilities": ["%s"], "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "%s", "image": "nginx", "essential": true,
                   "portMappings": [{"containerPort": %s}]}]}
                """.formatted(family, mode, mode.equals("awsvpc") ? "FARGATE" : "EC2", container, port));
        return td;
    }
}
