package io.turnout.cli;

import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.sim.SimRegion;
import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.error.TurnoutException;
import io.turnout.importer.ImportResult;
import io.turnout.importer.ImportTarget;
import io.turnout.importer.Importer;
import io.turnout.importer.Unexpressed;
import io.turnout.pipeline.CloudOpener;
import io.turnout.pipeline.PlanningStep;
import io.turnout.plan.Plan;
import io.turnout.plan.ServicePlan;
import io.turnout.spec.AwsTarget;
import io.turnout.spec.DeploymentPolicy;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecTree;
import io.turnout.spec.SyncPolicy;
import io.turnout.spec.load.LoadResult;
import io.turnout.text.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code turnout import}: a ready spec repository from what runs today — a live cluster
 * ({@code --cloud aws|sim}) or the definition files a team already has. Read-only on AWS.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Write a spec repository (an Environment file and one folder per service) from what runs today.",
                "From a live cluster: --env NAME --cluster C [--service S…] [--region R] --cloud aws|sim --out DIR (every"
                        + " service of the cluster when none is named). From files: --env NAME --out DIR FILE… (DescribeServices"
                        + " / DescribeTaskDefinition output, ecspresso service and task definitions or config, CreateService /"
                        + " RegisterTaskDefinition requests, JSON or YAML). Each service gets the strategy what runs implies;"
                        + " what a spec cannot express is listed, never dropped silently. Changes nothing in AWS."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported (what could not be is listed)", "1:error, or nothing could be imported"})
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-e", "--env"}, required = true, paramLabel = "NAME",
            description = "The environment the imported services run in (its Environment file's name), e.g. production.")
    String env;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the spec repository.")
    Path out;

    @Option(names = "--cluster", paramLabel = "CLUSTER", description = "The ECS cluster (required for a live import;"
            + " for files, default: the cluster they name).")
    String cluster;

    @Option(names = "--service", paramLabel = "SERVICE", description = "Import only this ECS service (repeatable);"
            + " from files: the service name of definitions that do not name one (ecspresso's).")
    List<String> services = new ArrayList<>();

    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (default: AWS_REGION /"
            + " AWS_DEFAULT_REGION; with --cloud sim the world's only region; from files, the region of their ARNs).")
    String region;

    @Option(names = "--account", paramLabel = "ID", description = "The AWS account id: written to the Environment file"
            + " (a guard: Turnout refuses to act with credentials of another account), and with --cloud sim the partition.")
    String account;

    @Option(names = "--force", description = "Overwrite files of the same names in --out.")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Definition files to import instead of a live cluster.")
    List<Path> files = new ArrayList<>();

    @Mixin
    CloudOptions cloud;

    @Override
    public Integer call() {
        // names, fields and messages come from AWS and from files: escaped as they are printed
        PrintWriter stdout = TerminalText.escaping(spec.commandLine().getOut());
        ImportTarget target = new ImportTarget(env, Optional.ofNullable(cluster), Optional.ofNullable(region),
                Optional.ofNullable(account));
        Importer importer = new Importer(target, out, force);
        if (!files.isEmpty()) {
            if (cloud.cloud != null || cloud.world != null) {
                throw new TurnoutException("import reads either files or a cloud, not both", "Drop --cloud/--world, or the files.");
            }
            ImportResult result = importer.fromFiles(files, services.size() == 1 ? Optional.of(services.getFirst()) : Optional.empty());
            report(result, stdout);
            if (result.services().isEmpty()) return ExitCodes.ERROR;
            check(result, Optional.empty(), stdout);
            return ExitCodes.OK;
        }
        if (cluster == null) {
            throw new TurnoutException("what to import? name a --cluster (with --cloud aws|sim) or definition files",
                    "E.g. turnout import --env production --cluster production --cloud aws --out specs");
        }
        try (CloudAccess access = cloud.open(CloudOpener.Use.PLAN)) {
            EnvironmentSpec environment = environment(effectiveRegion(access));
            CloudGateway gateway = gateway(access, environment);
            ImportResult result = importer.fromCluster(gateway, environment.aws().region(), services);
            report(result, stdout);
            if (result.services().isEmpty()) return ExitCodes.ERROR;
            check(result, Optional.of(gateway), stdout);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    private static CloudGateway gateway(CloudAccess access, EnvironmentSpec environment) {
        try {
            return access.gatewayFor(environment);
        } catch (IllegalArgumentException e) {
            // the simulated cloud cannot tell which partition: several accounts share the region
            throw new TurnoutException(e.getMessage().replace("set aws.accountId in the environment spec", "")
                    .replaceAll("[;: ]+$", ""), "Pass --account ID.");
        }
    }

    private String effectiveRegion(CloudAccess access) {
        if (region != null) return region;
        if (access instanceof SimulatedCloudAccess sim) {
            List<String> regions = sim.cloud().regions().stream()
                    .filter(r -> account == null || r.account().equals(account)).map(SimRegion::region).distinct().toList();
            if (regions.size() == 1) return regions.getFirst();
            throw new TurnoutException("which region? the world has " + regions.size() + " regions", "Pass --region.");
        }
        return cloud.variable("AWS_REGION").or(() -> cloud.variable("AWS_DEFAULT_REGION"))
                .orElseThrow(() -> new TurnoutException("which region? --region is not given and AWS_REGION is not set",
                        "Pass --region, e.g. --region eu-west-1."));
    }

    private EnvironmentSpec environment(String awsRegion) {
        return new EnvironmentSpec(env, SourceLocation.of("(turnout import --env " + env + ")"),
                new AwsTarget(awsRegion, Optional.ofNullable(account), Optional.empty()), cluster, SyncPolicy.DEFAULT,
                DeploymentPolicy.DEFAULT);
    }

    private static void report(ImportResult result, PrintWriter out) {
        out.println("Imported " + result.services().size() + (result.services().size() == 1 ? " service" : " services")
                + " into " + result.out() + " (environment " + result.environment() + ", cluster " + result.cluster() + "):");
        result.report().forEach(out::println);
        if (!result.refused().isEmpty()) {
            out.println("Not imported:");
            for (Unexpressed u : result.refused()) {
                out.println("  " + u.service() + ": " + (u.what().equals(u.service()) ? u.why() : u.describe()));
            }
        }
        out.println(result.files().isEmpty() ? "Nothing was written." : "Wrote " + String.join(", ", result.files()) + ".");
    }

    /**
     * The imported repository must validate, and — read against the cluster it came from — plan
     * in sync: anything else is said here, so the team knows before the agent does.
     */
    private void check(ImportResult result, Optional<CloudGateway> gateway, PrintWriter out) {
        LoadResult loaded = SpecsOption.load(result.out());
        if (!loaded.isValid()) {
            SpecsOption.printProblems(result.out(), loaded.problems(), spec.commandLine().getErr());
            return;
        }
        SpecTree tree = loaded.tree().orElseThrow();
        EnvironmentSpec environment = tree.environment(result.environment()).orElseThrow();
        if (gateway.isEmpty()) {
            out.println("Valid. Check it against the cluster with: turnout plan --env " + result.environment() + " --specs "
                    + result.out() + " (in sync means the import expressed everything that matters)");
            return;
        }
        Plan plan = new PlanningStep().plan(gateway.get(), environment, tree, Optional.empty()).plan();
        List<String> differing = plan.services().stream().filter(s -> s.kind().deploys())
                .map(s -> s.service() + " (" + s.kind().label() + ": " + s.changes().stream().map(c -> c.path())
                        .collect(Collectors.joining(", ")) + ")").toList();
        if (plan.inSync() && !plan.hasProblems()) {
            out.println("Valid, and in sync with the cluster: turnout plan --env " + result.environment() + " --specs "
                    + result.out() + " plans nothing.");
        } else {
            out.println("Valid, but not in sync with the cluster (see the lines above for why):");
            differing.forEach(d -> out.println("  " + d));
            plan.problems().forEach(p -> out.println("  " + p.describe()));
        }
        for (ServicePlan s : plan.services()) {
            if (s.kind().deploys()) continue;
            s.notes().forEach(n -> out.println("  " + s.service() + ": " + n));
        }
    }
}
