package io.turnout.notify;

import io.turnout.apply.ApplyResult;
import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentEvent.ApprovalRequested;
import io.turnout.events.DeploymentEvent.CommitIdentified;
import io.turnout.events.DeploymentEvent.DeploymentFinished;
import io.turnout.events.DeploymentEvent.DeploymentStarted;
import io.turnout.events.DeploymentEvent.DriftChecked;
import io.turnout.events.DeploymentEvent.RecoveryFinished;
import io.turnout.events.DeploymentSubscriber;
import io.turnout.plan.Plan;
import io.turnout.plan.ServicePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment events people are told about, as {@link Notice}s handed to the {@link Dispatcher}
 * (which sends them on its own thread: {@link #on} returns at once and never throws, so a notifier
 * can neither delay nor fail a deployment). A waiting approval is told once per commit and service,
 * drift once per distinct finding (a drift check runs at every poll).
 */
public final class NoticeFeed implements DeploymentSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeFeed.class);
    private final Dispatcher dispatcher;
    private final Optional<String> statusPage;
    /** Per environment: the commit it is busy with, its subject and author. */
    private final Map<String, CommitIdentified> commits = new ConcurrentHashMap<>();
    /** Per environment: the services of the deployment in progress. */
    private final Map<String, List<String>> deploying = new ConcurrentHashMap<>();
    private final Map<String, List<String>> lastDrift = new ConcurrentHashMap<>();
    private final Map<String, Boolean> approvalsTold = new ConcurrentHashMap<>();

    /** @param statusPage the status page's URL, for links to each environment's section */
    public NoticeFeed(Dispatcher dispatcher, Optional<String> statusPage) {
        this.dispatcher = dispatcher;
        this.statusPage = statusPage.map(u -> u.endsWith("/") ? u : u + "/");
    }

    @Override
    public void on(DeploymentEvent event) {
        try {
            notice(event).ifPresent(dispatcher::submit);
        } catch (RuntimeException e) {
            // never reaches the publisher: a notification is not worth a deployment
            LOG.warn("{}: no notification for {}: {}", event.environment(),
                    event.getClass().getSimpleName(), e.toString());
        }
    }

    private Optional<Notice> notice(DeploymentEvent event) {
        String env = event.environment();
        return switch (event) {
            case CommitIdentified e -> {
                commits.put(env, e);
                yield Optional.empty();
            }
            case DeploymentStarted e -> {
                deploying.put(env, services(e.plan()));
                yield Optional.of(notice(Notice.Kind.STARTED, env, e.at(), e.commit(), deploying.get(env),
                        e.plan().stepCount() + " steps"));
            }
            case DeploymentFinished e -> e.result().flatMap(r -> finished(env, e.at(), e.commit(), r));
            case RecoveryFinished e -> e.result().filter(r -> !r.approvals().isEmpty())
                    .flatMap(r -> finished(env, e.at(), Optional.ofNullable(commits.get(env)).map(CommitIdentified::commit), r));
            case ApprovalRequested e -> {
                String key = env + "/" + e.commit().orElse("") + "/" + e.service();
                if (approvalsTold.putIfAbsent(key, true) != null) yield Optional.empty();
                yield Optional.of(notice(Notice.Kind.WAITING_FOR_APPROVAL, env, e.at(), e.commit(), List.of(e.service()),
                        e.ecsServiceName() + " is verified; production moves once approved (rolled back at " + e.deadline() + ")"));
            }
            case DriftChecked e -> {
                List<String> before = lastDrift.put(env, e.drift());
                if (!e.drifted() || e.drift().equals(before)) yield Optional.empty();
                yield Optional.of(notice(Notice.Kind.DRIFT, env, e.at(), Optional.of(e.commit()),
                        e.drift().stream().map(l -> l.split(":", 2)[0]).distinct().sorted().toList(), String.join("; ", e.drift())));
            }
            default -> Optional.empty();
        };
    }

    private Optional<Notice> finished(String env, Instant at, Optional<String> commit, ApplyResult r) {
        List<String> services = deploying.getOrDefault(env, List.of());
        String detail = String.join("; ", r.messages());
        return switch (r.status()) {
            case SUCCEEDED -> Optional.of(notice(Notice.Kind.APPLIED, env, at, commit, services, detail));
            case ROLLED_BACK -> Optional.of(notice(Notice.Kind.ROLLED_BACK, env, at, commit, services, detail));
            case FAILED, REFUSED -> Optional.of(notice(Notice.Kind.FAILED, env, at, commit, services, detail));
            case NOTHING_TO_DO, PAUSED -> Optional.empty();
        };
    }

    private Notice notice(Notice.Kind kind, String env, Instant at, Optional<String> commit, List<String> services, String detail) {
        CommitIdentified known = commits.get(env);
        boolean same = known != null && commit.isPresent() && known.commit().equals(commit.get());
        return new Notice(kind, env, at, commit, same ? known.subject() : "", same ? known.author() : "", services, detail,
                statusPage.map(u -> u + "#env-" + env));
    }

    private static List<String> services(Plan plan) {
        return plan.services().stream().filter(s -> s.kind().deploys()).map(ServicePlan::service).sorted().toList();
    }
}
