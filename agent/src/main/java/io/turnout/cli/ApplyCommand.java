package io.turnout.cli;

import io.turnout.apply.ApplyResult;
import io.turnout.apply.ApprovalDesk;
import io.turnout.apply.Progress;
import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.error.TurnoutException;
import io.turnout.events.DeploymentEvents;
import io.turnout.live.LiveState;
import io.turnout.pipeline.CloudOpener;
import io.turnout.pipeline.Deployments;
import io.turnout.pipeline.PlanningStep;
import io.turnout.plan.Plan;
import io.turnout.render.TextPlanRenderer;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.StateStore;
import io.turnout.state.sql.StateStoreSettings;
import io.turnout.text.TerminalText;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code turnout apply}: shows the plan, asks for confirmation (unless {@code --auto-approve}),
 * then carries it out with progress lines, holding the environment's lease in the state store
 * throughout (the embedded store of {@code --data-dir}, or the agent's PostgreSQL with
 * {@code --datasource}): while an agent or another apply holds it, the apply is refused naming the
 * holder. An interrupted earlier deployment of the environment (in the store's journal) is
 * resumed or rolled back first.
 * With {@code --cloud sim} the waits advance the simulator's clock, so an apply takes
 * seconds, and the world file is written back afterwards — only when something was applied (or an
 * interrupted apply recovered): a refused, cancelled or in-sync apply leaves the file as it was,
 * comments included.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Deploy the specs to one environment, blue/green.",
                "Shows the plan, asks for confirmation, then deploys with progress lines; on failure the"
                        + " service is rolled back."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:applied, or nothing to do", "1:failed (what was rolled back is printed), refused or cancelled"})
final class ApplyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV", description = "The environment to apply to.")
    String env;

    @Option(names = "--specs", paramLabel = "DIR", defaultValue = ".",
            description = "The spec folder (default: the current folder).")
    Path specs;

    @Mixin
    CloudOptions cloud;

    @Option(names = "--auto-approve", description = "Apply without asking (needed when there is no terminal, e.g. in CI).")
    boolean autoApprove;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded state store (the deployment journal, state.db) is kept (default: .turnout/ next to"
                    + " the world file with --cloud sim, else ~/.turnout).")
    Path dataDir;

    @Mixin
    StateOptions state;

    @Mixin
    CommitOption commit;

    /** Where the deployment's events go (the agent's events, without the agent's subscribers); tests subscribe. */
    DeploymentEvents events = new DeploymentEvents();

    /** Whether the cloud may have changed (a deployment or a recovery ran): the simulated world is saved only then. */
    private boolean changed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadResult loaded = SpecsOption.load(specs);
        if (!loaded.isValid()) {
            SpecsOption.printProblems(specs, loaded.problems(), err);
            return ExitCodes.ERROR;
        }
        SpecTree tree = loaded.tree().orElseThrow();
        EnvironmentSpec environment = SpecsOption.environment(tree, env, specs.toString());

        cloud.check();
        Path data = dataDir != null ? dataDir : cloud.simulated()
                ? cloud.world.toAbsolutePath().getParent().resolve(".turnout")
                : Path.of(System.getProperty("user.home"), ".turnout");
        // With --cloud sim, waits advance a virtual clock instead of sleeping: a 15-minute deployment replays in seconds.
        // The agent's own store and lease when pointed at it (same data directory, or --datasource): one of the two
        // deploys the environment, the other is refused naming the holder (EnvironmentBusyException).
        try (StateStore store = state.open(data, StateStoreSettings.owner("turnout apply by " + System.getProperty("user.name")));
             EnvironmentLease lease = store.lease(environment.name());
             CloudAccess access = cloud.open(CloudOpener.Use.APPLY)) {
            try {
                return apply(access, store, environment, tree, out, err);
            } finally {
                if (changed && access instanceof SimulatedCloudAccess world) save(world, out);
            }
        }
    }

    private int apply(CloudAccess access, StateStore store, EnvironmentSpec environment, SpecTree tree, PrintWriter out, PrintWriter err) {
        Deployments deployments = new Deployments(access, store, events, InstantSource.system(), Optional.of(approvals(out)));
        Progress progress = Progress.to(out);
        Optional<ApplyResult> recovered = deployments.recover(environment, progress);
        changed = recovered.isPresent();
        if (recovered.isPresent()) {
            report(recovered.get(), out, err);
            if (!recovered.get().succeeded()) return ExitCodes.ERROR;
        }
        Instant started = Instant.now();
        CloudGateway gateway = access.gatewayFor(environment);
        PlanningStep planning = new PlanningStep();
        Plan plan = planning.plan(gateway, environment, tree, Optional.ofNullable(commit.commit)).plan();
        out.print(new TextPlanRenderer(false).render(plan));
        out.flush();
        if (plan.hasProblems()) {
            err.println("error: the plan has problems (above); nothing was applied.");
            return ExitCodes.ERROR;
        }
        if (plan.inSync()) {
            out.println("Nothing to apply: " + environment.name() + " is in sync.");
            return ExitCodes.OK;
        }
        if (!autoApprove && !confirmed(plan, environment, err)) return ExitCodes.ERROR;
        // read again: minutes may have passed while the plan was read and confirmed
        LiveState live = planning.read(gateway, environment, tree);
        changed = true; // also when the deployment breaks off with an exception: some of it may have happened
        ApplyResult result = deployments.apply(environment, plan, live, progress, started);
        // refused before its first change (pre-flight): nothing to save, unless a recovery ran
        changed = recovered.isPresent() || result.status() != ApplyResult.Status.REFUSED;
        report(result, out, err);
        return result.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    /**
     * Approval gates on the command line: {@code --auto-approve} approves them too; otherwise the
     * person at the terminal is asked; without a terminal nothing decides, the deployment stays
     * paused in the journal and the next {@code turnout apply} asks again.
     */
    private ApprovalDesk approvals(PrintWriter out) {
        String user = System.getProperty("user.name", "");
        if (autoApprove) return ApprovalDesk.approveAll("turnout apply --auto-approve (" + user + ")", InstantSource.system());
        return pending -> {
            Console console = System.console();
            if (console == null) return new ApprovalDesk.Decision.Waiting();
            out.flush();
            String answer = console.readLine("%n%s is verified; production is untouched. Move production to it? 'yes' approves,"
                    + " 'no' rolls it back: ", pending.ecsServiceName());
            String a = answer == null ? "" : answer.trim();
            if (a.equals("yes")) return new ApprovalDesk.Decision.Approved(user, Instant.now());
            if (a.equals("no")) return new ApprovalDesk.Decision.Rejected(user, Instant.now());
            return new ApprovalDesk.Decision.Waiting();
        };
    }

    private boolean confirmed(Plan plan, EnvironmentSpec environment, PrintWriter err) {
        Console console = System.console();
        if (console == null) {
            err.println("error: refusing to apply without confirmation: there is no terminal to ask on.");
            err.println("Review the plan above and run again with --auto-approve to apply it without asking.");
            return false;
        }
        String answer = console.readLine("%nApply these %d steps to %s? Only 'yes' is accepted: ", plan.stepCount(),
                environment.name());
        if (!"yes".equals(answer == null ? null : answer.trim())) {
            err.println("Apply cancelled; nothing was changed.");
            return false;
        }
        return true;
    }

    private static void report(ApplyResult result, PrintWriter out, PrintWriter err) {
        if (result.succeeded()) {
            result.messages().forEach(m -> out.println("Done: " + TerminalText.escape(m)));
        } else {
            err.println("error: apply " + switch (result.status()) {
                case REFUSED -> "refused";
                case ROLLED_BACK -> "failed and was rolled back";
                case PAUSED -> "paused: waiting for approval (run turnout apply again on a terminal to decide)";
                default -> "failed";
            } + ":");
            result.messages().forEach(m -> err.println("  " + m));
        }
        out.flush();
        err.flush();
    }

    private void save(SimulatedCloudAccess world, PrintWriter out) {
        try {
            world.save();
            out.println("Saved the simulated world to " + cloud.world);
        } catch (IOException e) {
            throw new TurnoutException("cannot write the world file " + cloud.world + ": " + e.getMessage(),
                    "Check that the file is writable.");
        }
    }
}
