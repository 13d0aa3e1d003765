package io.turnout.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cli.TurnoutCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code turnout import} end to end through the command line: import, then {@code turnout
 * validate} of the result, then {@code turnout plan} against the same live state — in sync
 * (exit 0), the check that the import expressed everything that matters. On specs-example
 * deployed to the simulated cloud, and on definition files shaped like real DescribeServices /
 * DescribeTaskDefinition output, ecspresso's files and CreateService / RegisterTaskDefinition
 * requests, against a simulated world holding the services they describe.
 */
class ImportRoundTripTest {
    static final Path EXAMPLE = Path.of("..", "specs-example").toAbsolutePath().normalize();
    static final Path FIXTURES = Path.of("src", "test", "resources", "import").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run turnout(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TurnoutCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void specsExampleDeployedOnTheSimulatedCloudImportsInSync() throws IOException {
        Path specs = copy(EXAMPLE, tmp.resolve("shop"));
        Path world = tmp.resolve("world.yaml");
        Files.move(specs.resolve("world.yaml"), world);
        for (String env : List.of("production", "staging")) {
            Run applied = turnout("apply", "--env", env, "--specs", specs.toString(), "--world", world.toString(), "--auto-approve");
            assertEquals(0, applied.exit(), applied.all());
        }
        for (String[] env : List.of(new String[] {"production", "222222222222"}, new String[] {"staging", "111111111111"})) {
            Path out = tmp.resolve("imported-" + env[0]);
            Run imported = turnout("import", "--env", env[0], "--cluster", env[0], "--cloud", "sim", "--world", world.toString(),
                    "--account", env[1], "--out", out.toString());
            assertEquals(0, imported.exit(), imported.all());
            assertTrue(imported.out().contains("Valid, and in sync with the cluster"), imported.all());
            assertTrue(imported.out().contains("web       blueGreen (ELB shop-alb :443 / :8443, target groups web-a / web-b)"),
                    imported.all());
            assertTrue(imported.out().contains("api       blueGreen (ELB shop-alb :443 rule 10 / :8443 rule 10"), imported.all());
            assertTrue(imported.out().contains("catalog   blueGreen (DNS catalog.internal.shop.example"), imported.all());
            assertTrue(imported.out().contains("mailer    rolling"), imported.all());
            // AWS's own engines (issue 16): ECS's blue/green with its advancedConfiguration; CodeDeploy without
            // its deployment group, which DescribeServices does not name
            assertTrue(imported.out().contains("checkout  ecs BLUE_GREEN"), imported.all());
            assertTrue(imported.out().contains("payments  codeDeploy (name its deployment group to deploy)"), imported.all());
            assertEquals(0, turnout("validate", out.toString()).exit());
            Run plan = turnout("plan", "--env", env[0], "--specs", out.toString(), "--world", world.toString());
            assertEquals(0, plan.exit(), plan.all());
            String web = Files.readString(out.resolve("services/web/service.yaml"));
            assertFalse(web.contains("slots:"), "Turnout's own slots need no names:\n" + web);
            assertTrue(web.contains("autoScaling:"), web);
            String taskDefinition = Files.readString(out.resolve("services/web/web.taskdef.json"));
            for (String answerOnly : List.of("taskDefinitionArn", "revision", "registeredAt", "compatibilities", "\"status\"")) {
                assertFalse(taskDefinition.contains(answerOnly), answerOnly + " in\n" + taskDefinition);
            }
        }
    }

    @Test
    void definitionFilesShapedLikeRealOutputImportInSync() throws IOException {
        Path world = tmp.resolve("world.yaml");
        Files.writeString(world, FixtureWorld.text());
        Path out = tmp.resolve("imported");
        Run imported = turnout("import", "--env", "production", "--out", out.toString(),
                FIXTURES.resolve("describe-services.json").toString(), FIXTURES.resolve("describe-task-definition.json").toString(),
                FIXTURES.resolve("ecspresso/ecspresso.yml").toString(), FIXTURES.resolve("create-service.yaml").toString(),
                FIXTURES.resolve("register-task-definition.yaml").toString());
        assertEquals(0, imported.exit(), imported.all());
        assertTrue(imported.out().contains("Imported 3 services"), imported.all());
        assertTrue(imported.out().contains("shop-web     rolling (target group shop-web-tg)"), imported.all());
        assertTrue(imported.out().contains("shop-worker  rolling"), imported.all());
        assertTrue(imported.out().contains("shop-api     rolling"), imported.all());
        assertTrue(imported.out().contains("Valid. Check it against the cluster with: turnout plan"), imported.all());
        String environment = Files.readString(out.resolve("environments/production.yaml"));
        assertTrue(environment.contains("region: eu-west-1") && environment.contains("accountId: \"222222222222\"")
                && environment.contains("cluster: shop"), environment);

        String web = Files.readString(out.resolve("services/shop-web/shop-web.taskdef.json"));
        for (String answerOnly : List.of("taskDefinitionArn", "revision", "requiresAttributes", "registeredBy", "systemControls",
                "\"cpu\": 0", "enableFaultInjection")) {
            assertFalse(web.contains(answerOnly), answerOnly + " in\n" + web);
        }
        assertTrue(web.contains("\"valueFrom\": \"arn:aws:secretsmanager:eu-west-1:222222222222:secret:shop/db-password-Xk2p9Q\""),
                "secrets stay references:\n" + web);
        String worker = Files.readString(out.resolve("services/shop-worker/shop-worker.taskdef.json"));
        for (String empty : List.of("ipcMode", "pidMode", "versionConsistency", "dockerLabels", "volumes")) {
            assertFalse(worker.contains(empty), empty + " in\n" + worker);
        }
        String webSpec = Files.readString(out.resolve("services/shop-web/service.yaml"));
        assertTrue(webSpec.contains("targetGroup: shop-web-tg"), webSpec);
        String remarks = webSpec.replace("\n#   ", " ").replace("\n# ", " ");
        assertTrue(remarks.contains("Rolling behind one target group"), webSpec);
        assertTrue(remarks.contains("To go blue/green without downtime"), webSpec);
        assertFalse(webSpec.contains("platformFamily") || webSpec.contains("roleArn:") || webSpec.contains("events"), webSpec);
        String workerSpec = Files.readString(out.resolve("services/shop-worker/service.yaml"));
        assertFalse(workerSpec.contains("launchType"), "the empty launchType of ecspresso's dump is dropped:\n" + workerSpec);
        assertTrue(workerSpec.contains("capacityProvider: FARGATE_SPOT"), workerSpec);

        assertEquals(0, turnout("validate", out.toString()).exit());
        Run plan = turnout("plan", "--env", "production", "--specs", out.toString(), "--world", world.toString());
        assertEquals(0, plan.exit(), plan.all());
    }

    @Test
    void awsOwnEnginesAreImportedWithTheirOwnLoadBalancers() throws IOException {
        Path world = tmp.resolve("world.yaml");
        Files.writeString(world, FixtureWorld.text());
        Path services = tmp.resolve("services.json");
        String describe = Files.readString(FIXTURES.resolve("describe-services.json"));
        Files.writeString(services, describe.replace("\"type\": \"ECS\"", "\"type\": \"CODE_DEPLOY\""));
        Path out = tmp.resolve("imported");
        Run imported = turnout("import", "--env", "production", "--out", out.toString(), services.toString(),
                FIXTURES.resolve("describe-task-definition.json").toString());
        assertEquals(0, imported.exit(), imported.all());
        assertTrue(imported.out().contains("shop-web  codeDeploy (name its deployment group to deploy)"), imported.all());
        String spec = Files.readString(out.resolve("services/shop-web/service.yaml"));
        assertTrue(spec.contains("codeDeploy:") && spec.contains("CodeDeploy application and deployment group: not read by import"), spec);
        assertFalse(spec.contains("application:"), spec);
        assertTrue(spec.contains("targetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:222222222222:targetgroup/shop-web-tg/"), spec);
        assertEquals(0, turnout("validate", out.toString()).exit());

        // ECS's BLUE_GREEN as DescribeServices shows it: the load balancer names the second target group and the rules
        Files.writeString(services, describe.replace("\"strategy\": \"ROLLING\"", "\"strategy\": \"BLUE_GREEN\"")
                .replace("\"containerPort\": 8080\n", """
                        "containerPort": 8080, "advancedConfiguration": {
                          "alternateTargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:222222222222:targetgroup/shop-web-tg2/7e1fd0942ffd0a10",
                          "productionListenerRule": "arn:aws:elasticloadbalancing:eu-west-1:222222222222:listener-rule/app/shop/1/2/3",
                          "roleArn": "arn:aws:iam::222222222222:role/ecsInfrastructureRole"}
                        """));
        Path ecs = tmp.resolve("ecs");
        Run native_ = turnout("import", "--env", "production", "--out", ecs.toString(), services.toString(),
                FIXTURES.resolve("describe-task-definition.json").toString());
        assertEquals(0, native_.exit(), native_.all());
        assertTrue(native_.out().contains("shop-web  ecs BLUE_GREEN"), native_.all());
        String ecsSpec = Files.readString(ecs.resolve("services/shop-web/service.yaml"));
        assertTrue(ecsSpec.contains("strategy: BLUE_GREEN"), native_.all() + ecsSpec);
        assertTrue(ecsSpec.contains("alternateTargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:222222222222:targetgroup/shop-web-tg2/"),
                ecsSpec);
        assertEquals(0, turnout("validate", ecs.toString()).exit());
    }

    @Test
    void templatesAreRefusedWithHowToRenderThem() throws IOException {
        Path template = tmp.resolve("ecs-task-def.json");
        Files.writeString(template, Files.readString(FIXTURES.resolve("ecspresso/ecs-task-def.json"))
                .replace("arn:aws:iam::222222222222:role/ecsTaskExecutionRole", "arn:aws:iam::{{ must_env `ACCOUNT` }}:role/x"));
        Path out = tmp.resolve("imported");
        Run imported = turnout("import", "--env", "production", "--cluster", "shop", "--region", "eu-west-1", "--out",
                out.toString(), template.toString());
        assertEquals(1, imported.exit(), imported.all());
        assertTrue(imported.out().contains("it is a template ({{ must_env `ACCOUNT` }} at /executionRoleArn)"), imported.all());
        assertTrue(imported.out().contains("render it (ecspresso render"), imported.all());
        assertTrue(imported.out().contains("Nothing was written."), imported.all());
        assertFalse(Files.exists(out), "nothing is written when nothing could be imported");
    }

    @Test
    void existingFilesAreNotOverwrittenWithoutForce() throws IOException {
        Path out = tmp.resolve("imported");
        String[] args = {"import", "--env", "production", "--cluster", "shop", "--region", "eu-west-1", "--out", out.toString(),
                FIXTURES.resolve("create-service.yaml").toString(), FIXTURES.resolve("register-task-definition.yaml").toString()};
        assertEquals(0, turnout(args).exit());
        Run again = turnout(args);
        assertEquals(1, again.exit(), again.all());
        assertTrue(again.err().contains("would overwrite") && again.err().contains("--force"), again.err());
        List<String> forced = new ArrayList<>(List.of(args));
        forced.add("--force");
        assertEquals(0, turnout(forced.toArray(String[]::new)).exit());
    }

    /**
     * A lone awsvpc task definition has no service to take the subnets from, and ECS refuses
     * CreateService without them (issue 11: what AWS refuses, validate refuses): not imported, with why.
     */
    @Test
    void aLoneAwsvpcTaskDefinitionIsRefusedWithWhatToPass() {
        Path out = tmp.resolve("imported");
        Run alone = turnout("import", "--env", "production", "--cluster", "shop", "--region", "eu-west-1", "--out", out.toString(),
                FIXTURES.resolve("register-task-definition.yaml").toString());
        assertEquals(1, alone.exit(), alone.all());
        assertTrue(alone.out().contains("its networkMode is awsvpc") && alone.out().contains("pass its service definition"),
                alone.all());
    }

    @Test
    void misuseSaysWhatToPassAndWritesNothing() {
        Path out = tmp.resolve("imported");
        Run nothing = turnout("import", "--env", "production", "--out", out.toString());
        assertEquals(1, nothing.exit());
        assertTrue(nothing.err().contains("what to import? name a --cluster") && nothing.err().contains("E.g. turnout import"),
                nothing.err());
        Run both = turnout("import", "--env", "production", "--out", out.toString(), "--cloud", "sim",
                FIXTURES.resolve("register-task-definition.yaml").toString());
        assertEquals(1, both.exit());
        assertTrue(both.err().contains("either files or a cloud, not both"), both.err());
        Path world = EXAMPLE.resolve("world.yaml");
        Run ambiguous = turnout("import", "--env", "production", "--cluster", "production", "--cloud", "sim", "--world",
                world.toString(), "--out", out.toString());
        assertEquals(1, ambiguous.exit());
        assertTrue(ambiguous.err().contains("Pass --account ID."), ambiguous.err());
        Run missing = turnout("import", "--env", "production", "--cluster", "nope", "--cloud", "sim", "--world",
                world.toString(), "--account", "222222222222", "--out", out.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("ECS cluster nope not found (or not ACTIVE)"), missing.err());
        Run noService = turnout("import", "--env", "production", "--cluster", "production", "--service", "ghost", "--cloud",
                "sim", "--world", world.toString(), "--account", "222222222222", "--out", out.toString());
        assertEquals(1, noService.exit());
        assertTrue(noService.err().contains("ECS service ghost not found"), noService.err());
        assertFalse(Files.exists(out));
    }

    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path src : files.toList()) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) Files.createDirectories(dst);
                else Files.copy(src, dst);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
