package io.turnout.agent.http;

import io.turnout.diff.Change;
import io.turnout.plan.AwaitSteadyState;
import io.turnout.plan.Downsize;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.ServicePlan;
import io.turnout.spec.Slot;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.CommitOutcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.Problem;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceStatus;
import io.turnout.status.WaitingApproval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.StringNode;

/** Two environments as the agent might report them: production deploying, staging plan-only with a pending plan. */
final class StatusFixtures {
    static final String PROD_LIVE = "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678";
    static final String PROD_HEAD = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
    static final String STAGING_LIVE = "abcdef0123456789abcdef0123456789abcdef01";
    /** A commit subject with markup in it: the page must show it as text. */
    static final String HOSTILE_SUBJECT = "Bump web <script>alert(\"x\")</script> & friends";
    static final Instant T0 = Instant.parse("2025-06-01T10:15:00Z");

    private StatusFixtures() {}

    static List<EnvironmentStatus> twoEnvironments() {
        return List.of(production(), staging());
    }

    static EnvironmentStatus production() {
        CommitOutcome applied = new CommitOutcome(PROD_LIVE, "web: nginx 1.27", Outcome.APPLIED,
                "1 blue/green, 3 in sync", T0, Duration.ofSeconds(95));
        CommitOutcome failed = new CommitOutcome("0123456789abcdef0123456789abcdef01234567", HOSTILE_SUBJECT,
                Outcome.FAILED, "web: verification failed (GET /health answered 500); GREEN scaled back to 0",
                T0.minusSeconds(3600), Duration.ofMinutes(4), List.of(
                        new ServiceOutcome("api", ServiceOutcome.Result.APPLIED, "applied 8 steps"),
                        new ServiceOutcome("web", ServiceOutcome.Result.ROLLED_BACK,
                                "step 4/8 (Verify web--b) failed: GET /health answered 500; rolled back: web--b scaled to 0")));
        return new EnvironmentStatus("production", "https://git.example.com/shop/specs.git", "main", "auto-apply",
                Optional.of(PROD_LIVE), Optional.of(PROD_HEAD), Optional.of(T0.plusSeconds(60)), true,
                Optional.empty(), List.of(), Optional.of(applied), List.of(applied, failed),
                List.of(new ServiceStatus("api", "elb", Optional.of("b"), Optional.of("ghcr.io/shop/api:2.4.1"),
                                Optional.of(PROD_LIVE), 3),
                        new ServiceStatus("mailer", "rolling", Optional.empty(), Optional.of("ghcr.io/shop/mailer:7"),
                                Optional.of(PROD_LIVE), 1),
                        new ServiceStatus("web", "elb", Optional.of("a"), Optional.of("public.ecr.aws/nginx/nginx:1.27"),
                                Optional.of(PROD_LIVE), 4)));
    }

    /** production with web's deployment of PROD_HEAD paused at its approval gate. */
    static EnvironmentStatus waitingForApproval() {
        EnvironmentStatus p = production();
        return new EnvironmentStatus(p.name(), p.repository(), p.branch(), p.syncPolicy(), p.liveCommit(), p.headCommit(), p.lastPoll(),
                false, p.pendingPlan(), p.drift(), p.lastOutcome(), p.recent(), p.services(), p.problem(),
                List.of(new WaitingApproval("web", "web--b", Optional.of(PROD_HEAD), T0, T0.plus(Duration.ofHours(24)))));
    }

    static EnvironmentStatus staging() {
        CommitOutcome planned = new CommitOutcome("fedcba9876543210fedcba9876543210fedcba98", "web: nginx 1.28",
                Outcome.PLANNED, "1 blue/green: waiting for a person (plan-only)", T0.plusSeconds(120), Duration.ofSeconds(2));
        return new EnvironmentStatus("staging", "https://git.example.com/shop/specs.git", "main", "plan-only",
                Optional.of(STAGING_LIVE), Optional.of("fedcba9876543210fedcba9876543210fedcba98"),
                Optional.of(T0.plusSeconds(120)), false, Optional.of(pendingPlan()),
                List.of("web: desiredCount changed outside Git (live 3, spec 2)"), Optional.of(planned), List.of(planned),
                List.of(new ServiceStatus("web", "elb", Optional.of("b"), Optional.of("public.ecr.aws/nginx/nginx:1.27"),
                        Optional.of(STAGING_LIVE), 2)));
    }

    /**
     * Production after a failed head with control characters in what people wrote (a commit subject, a
     * value quoted in the failure), a problem, and web's GREEN slot kept warm.
     */
    static EnvironmentStatus failedHeadWithAProblem() {
        CommitOutcome failed = new CommitOutcome(PROD_HEAD, "web: \u001B[31mred\u0000 subject", Outcome.FAILED,
                "apply rolled back: web: step 4 failed: image nginx\u001B[2J not found", T0.plusSeconds(60), Duration.ofMinutes(2));
        Problem problem = Problem.first("cloud", "ecs:DescribeServices: ThrottlingException: Rate exceeded\r\nFORGED. Transient: retrying"
                + " at the next poll (in about 1m).", T0.plusSeconds(120), Duration.ofMinutes(1), true)
                .again("ecs:DescribeServices: ThrottlingException: Rate exceeded. Transient: retrying at the next poll (in about 1m).",
                        T0.plusSeconds(180), Duration.ofMinutes(1), true);
        return new EnvironmentStatus("production", "https://git.example.com/shop/specs.git", "main", "auto-apply",
                Optional.of(PROD_LIVE), Optional.of(PROD_HEAD), Optional.of(T0.plusSeconds(180)), false,
                Optional.empty(), List.of(), Optional.of(failed), List.of(failed),
                List.of(new ServiceStatus("web", "elb", Optional.of("a"), Optional.of("public.ecr.aws/nginx/nginx:1.27"),
                        Optional.of(PROD_LIVE), 4, Optional.of(new ServiceStatus.Green("b", Optional.of("public.ecr.aws/nginx/nginx:1.26"),
                        Optional.of(STAGING_LIVE), 4, 4)))),
                Optional.of(problem));
    }

    static Plan pendingPlan() {
        ServicePlan web = new ServicePlan("web", PlanKind.BLUE_GREEN, "elb",
                List.of(Change.of("taskDefinition/containerDefinitions[web]/image",
                        StringNode.valueOf("public.ecr.aws/nginx/nginx:1.27"),
                        StringNode.valueOf("public.ecr.aws/nginx/nginx:1.28"))),
                List.of(new AwaitSteadyState("web", "staging", "web--a", Duration.ofMinutes(10)),
                        new Downsize("web", Slot.B, "staging", "web--b", Duration.ofMinutes(5))),
                Optional.of("public.ecr.aws/nginx/nginx:1.27"), Optional.of("public.ecr.aws/nginx/nginx:1.28"), List.of());
        return new Plan("staging", Optional.of("fedcba9876543210fedcba9876543210fedcba98"), List.of(web), List.of());
    }
}
