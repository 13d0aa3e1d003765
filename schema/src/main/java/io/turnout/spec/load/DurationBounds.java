package io.turnout.spec.load;

import io.turnout.spec.SpecProblem;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Bounds of the spec's durations, each with the reason a person needs to pick a better value:
 * a poll every 0s, a steady-state wait of 0s or a bake time of a million hours are valid
 * durations, and none is a setting anyone means. The upper bounds keep every deployment step
 * within a day: one deployment per environment runs at a time, so a longer wait would hold
 * every other deployment of the environment (and the instants a deployment computes from them
 * stay far inside what a clock can represent).
 */
final class DurationBounds {
    private DurationBounds() {}

    /** Allowed range of one duration field and why. */
    record Bound(Duration min, Duration max, String whyMin, String whyMax) {}

    private static final String HOLDS = "one deployment per environment runs at a time, so a longer wait holds every other deployment of the environment";
    private static final Bound STEP_WAIT = new Bound(Duration.ZERO, Duration.ofHours(24), "", HOLDS);

    private static final Bound TASK = new Bound(Duration.ofSeconds(1), Duration.ofHours(24), "an ECS task cannot even start that fast", HOLDS);
    private static final String VERIFICATION = "/spec/(deployment|strategy/blueGreen|strategy/rolling)/verification/";

    /** Pointer patterns (in Environment and Service files) and their bounds. */
    private static final List<Map.Entry<Pattern, Bound>> BOUNDS = List.of(
            bound("/spec/sync/interval", new Bound(Duration.ofSeconds(1), Duration.ofHours(24),
                    "a shorter interval would poll the Git host without pause",
                    "commits would wait more than a day to be deployed; to stop deploying, set sync.policy: plan-only")),
            bound("/spec/sync/jitter", new Bound(Duration.ZERO, Duration.ofHours(1), "",
                    "jitter only spreads polls over time, and every minute of it delays a deployment")),
            bound("/spec/deployment/steadyStateTimeout", new Bound(Duration.ofSeconds(10), Duration.ofHours(24),
                    "ECS needs longer than that to start tasks and register them with a load balancer, so every deployment would fail", HOLDS)),
            bound("/spec/deployment/downsizeDelay", STEP_WAIT),
            bound(VERIFICATION + "(bakeTime|watchAfterSwap)", STEP_WAIT),
            bound("/spec/strategy/blueGreen/traffic/dns/weightSteps/[0-9]+/bakeTime", STEP_WAIT),
            bound("/spec/strategy/rolling/canary/bakeTime", STEP_WAIT),
            bound(VERIFICATION + "httpChecks/[0-9]+/timeout", new Bound(Duration.ofMillis(100), Duration.ofMinutes(5),
                    "no HTTP answer arrives that fast, so the check would always fail",
                    "a health endpoint that takes longer is broken; make the check lighter")),
            bound(VERIFICATION + "task/timeout", TASK),
            bound("/spec/hooks/beforeDeploy/timeout", TASK),
            bound(VERIFICATION + "approvalTimeout", new Bound(Duration.ofSeconds(1), Duration.ofDays(7),
                    "the deployment would be rolled back before anyone could approve it",
                    "a deployment waiting for approval holds every other deployment of the environment; a week is the most")));

    private static Map.Entry<Pattern, Bound> bound(String pointer, Bound bound) {
        return Map.entry(Pattern.compile(pointer), bound);
    }

    /** The out-of-bounds durations of one Environment or Service file. */
    static List<SpecProblem> check(ParsedDocument doc) {
        List<SpecProblem> problems = new ArrayList<>();
        walk(doc, doc.root(), "", problems);
        return problems;
    }

    private static void walk(ParsedDocument doc, JsonNode node, String pointer, List<SpecProblem> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) walk(doc, e.getValue(), pointer + "/" + TreeReader.escape(e.getKey()), problems);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(doc, node.get(i), pointer + "/" + i, problems);
        } else if (node.isString() && Durations.isDuration(node.asString())) {
            for (Map.Entry<Pattern, Bound> b : BOUNDS) {
                if (b.getKey().matcher(pointer).matches()) check(doc, pointer, node.asString(), b.getValue(), problems);
            }
        }
    }

    private static void check(ParsedDocument doc, String pointer, String text, Bound bound, List<SpecProblem> problems) {
        BigInteger millis = Durations.millis(text);
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (millis.compareTo(BigInteger.valueOf(bound.min().toMillis())) < 0) {
            problems.add(new SpecProblem(doc.positions().locateValue(pointer), pointer,
                    field + " " + text + " is shorter than " + Durations.format(bound.min()) + ": " + bound.whyMin(),
                    "use at least " + Durations.format(bound.min())));
        } else if (millis.compareTo(BigInteger.valueOf(bound.max().toMillis())) > 0) {
            problems.add(new SpecProblem(doc.positions().locateValue(pointer), pointer,
                    field + " " + text + " is longer than " + Durations.format(bound.max()) + ": " + bound.whyMax(),
                    "use at most " + Durations.format(bound.max())));
        }
    }
}
