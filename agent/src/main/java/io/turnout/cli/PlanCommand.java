package io.turnout.cli;

import io.turnout.cloud.CallStats;
import io.turnout.cloud.CloudGateway;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.render.JsonPlanRenderer;
import io.turnout.render.MarkdownPlanRenderer;
import io.turnout.render.TextPlanRenderer;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code turnout plan}: what would change in one environment. Reads live state, never
 * changes anything.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what applying the specs would change in one environment: the field-level diff",
                "of every service and the ordered deployment steps. Reads live state; changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:in sync, nothing to do", "1:error (invalid specs, missing infrastructure, failed call)",
                "2:changes pending"})
final class PlanCommand implements Callable<Integer> {
    enum Format { text, markdown, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV", description = "The environment to plan.")
    String env;

    @Option(names = "--specs", paramLabel = "DIR", defaultValue = ".",
            description = "The spec folder (default: the current folder).")
    Path specs;

    @Mixin
    CloudOptions cloud;

    @Option(names = "--format", paramLabel = "text|markdown|json", defaultValue = "text",
            description = "Output format (default: text).")
    Format format;

    @Option(names = "--color", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Colour the text output (default: auto, i.e. on a terminal unless NO_COLOR is set).")
    ColorMode color;

    @Option(names = "--commit", paramLabel = "SHA", description = "The spec commit to name in the plan, if any.")
    String commit;

    @Option(names = "--stats", description = "After the plan, print the number of AWS calls made, by operation, to stderr.")
    boolean stats;

    /** {@code AWS calls: 14 (ecs:DescribeServices 5, elbv2:DescribeRules 2, …)}, most frequent first. */
    static String statsLine(CallStats calls) {
        Map<String, Long> byOperation = calls.snapshot();
        String detail = byOperation.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return "AWS calls: " + calls.total() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the plan is already read; failing to release the HTTP client must not fail the command
        }
    }

    @Override
    public Integer call() {
        LoadResult loaded = SpecsOption.load(specs);
        if (!loaded.isValid()) {
            SpecsOption.printProblems(specs, loaded.problems(), spec.commandLine().getErr());
            return ExitCodes.ERROR;
        }
        SpecTree tree = loaded.tree().orElseThrow();
        EnvironmentSpec environment = tree.environment(env).orElseThrow(() -> new UserError(
                "no environment named '" + env + "' in " + specs,
                "Known environments: " + tree.environments().stream().map(EnvironmentSpec::name)
                        .collect(Collectors.joining(", ")) + "."));

        CloudGateway gateway = cloud.gatewayFor(environment);
        LiveState live;
        try {
            live = new BatchedLiveStateReader(gateway).read(environment, tree);
        } catch (RuntimeException e) {
            // the calls made before the failure are still worth knowing (throttling, say)
            if (stats) spec.commandLine().getErr().println(statsLine(gateway.stats()));
            throw e;
        } finally {
            if (gateway instanceof AutoCloseable closeable) close(closeable);
        }
        String statsLine = statsLine(gateway.stats());
        Plan plan = new Planner().plan(environment, tree.servicesIn(environment), live, Optional.ofNullable(commit));

        String rendered = switch (format) {
            case text -> new TextPlanRenderer(color.enabled()).render(plan);
            case markdown -> new MarkdownPlanRenderer().render(plan);
            case json -> new JsonPlanRenderer().render(plan);
        };
        spec.commandLine().getOut().print(rendered);
        spec.commandLine().getOut().flush();
        if (stats) {
            spec.commandLine().getErr().println(statsLine);
            spec.commandLine().getErr().flush();
        }
        if (plan.hasProblems()) return ExitCodes.ERROR;
        return plan.inSync() ? ExitCodes.OK : ExitCodes.CHANGES;
    }
}
