package io.turnout.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.turnout.reconcile.EnvironmentReconciler;
import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.reconcile.Reconcilers;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.CommitOutcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.ServiceStatus;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's reconcile against a spec repository served over a real Git transport
 * ({@code git daemon} on 127.0.0.1): deploy, tag on the remote, revert as a fast rollback.
 */
class AgentOverGitDaemonTest {
    @TempDir
    Path dir;

    @Test
    void deploysOverGitProtocolAndRollsBackARevert() throws Exception {
        assumeTrue(GitDaemon.gitAvailable(), "git is not installed");
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir); GitDaemon daemon = GitDaemon.start(dir)) {
            Reconcilers reconcilers = fx.reconcilers(daemon.url("shop.git"), dir.resolve("data"), Set.of("production"));
            try {
                assertEquals(Set.of("production"), reconcilers.discover("shop").keySet());
                EnvironmentReconciler production = reconcilers.reconciler("production").orElseThrow();
                production.reconcile();
                assertEquals(Outcome.APPLIED, status(reconcilers).lastOutcome().orElseThrow().outcome(), () -> status(reconcilers).toString());

                String c2 = fx.repo().change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
                production.reconcile();
                CommitOutcome applied = status(reconcilers).lastOutcome().orElseThrow();
                assertEquals(c2, applied.commit());
                assertEquals(Outcome.APPLIED, applied.outcome(), applied::detail);
                assertEquals(c2, fx.repo().remoteLiveTag("production"), "the live tag was pushed over git://");
                assertEquals("public.ecr.aws/nginx/nginx:1.28", web(reconcilers).blueImage().orElseThrow());

                long registered = fx.registrations("222222222222");
                String revert = fx.repo().revert(c2);
                production.reconcile();
                assertEquals(revert, status(reconcilers).lastOutcome().orElseThrow().commit());
                assertEquals(Outcome.APPLIED, status(reconcilers).lastOutcome().orElseThrow().outcome());
                assertEquals(registered, fx.registrations("222222222222"), "fast rollback: no RegisterTaskDefinition");
                assertEquals("public.ecr.aws/nginx/nginx:1.27", web(reconcilers).blueImage().orElseThrow());
                assertEquals(revert, fx.repo().remoteLiveTag("production"));
            } finally {
                reconcilers.close();
            }
        }
    }

    @Test
    void aRefusedPushNeverBlocksADeploymentAndIsRetriedAtTheNextPoll() throws Exception {
        assumeTrue(GitDaemon.gitAvailable(), "git is not installed");
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir);
             GitDaemon daemon = GitDaemon.start(dir, "--allow-override=receive-pack")) {
            Path bare = dir.resolve("shop.git");
            setReceivePack(bare, false);
            Reconcilers reconcilers = fx.reconcilers(daemon.url("shop.git"), dir.resolve("data"), Set.of("production"));
            try {
                reconcilers.discover("shop");
                EnvironmentReconciler production = reconcilers.reconciler("production").orElseThrow();
                production.reconcile();
                assertEquals(Outcome.APPLIED, status(reconcilers).lastOutcome().orElseThrow().outcome(), "deployed all the same");
                String problem = status(reconcilers).problem().orElseThrow().what();
                org.junit.jupiter.api.Assertions.assertTrue(problem.contains("Retried at the next poll"), problem);
                assertEquals(null, fx.repo().remoteLiveTag("production"));

                setReceivePack(bare, true);
                production.reconcile();
                assertEquals(status(reconcilers).headCommit().orElseThrow(), fx.repo().remoteLiveTag("production"), "pushed at the next poll");
                assertEquals(java.util.Optional.empty(), status(reconcilers).problem());
                assertEquals(1, status(reconcilers).recent().size(), "deployed once");
            } finally {
                reconcilers.close();
            }
        }
    }

    @Test
    void aLiveTagLeftPendingNeverMovesTheRemoteBackPastAnotherReplicasDeployment() throws Exception {
        assumeTrue(GitDaemon.gitAvailable(), "git is not installed");
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir);
             GitDaemon daemon = GitDaemon.start(dir, "--allow-override=receive-pack")) {
            Path bare = dir.resolve("shop.git");
            Reconcilers a = fx.reconcilers(daemon.url("shop.git"), dir.resolve("a"), Set.of("production"));
            Reconcilers b = fx.reconcilers(daemon.url("shop.git"), dir.resolve("b"), Set.of("production"));
            try {
                a.discover("shop");
                b.discover("shop");
                // replica a deploys the first commit, but cannot push its tags
                setReceivePack(bare, false);
                a.reconciler("production").orElseThrow().reconcile();
                setReceivePack(bare, true);
                // replica b catches up and deploys the next commit
                b.reconciler("production").orElseThrow().reconcile();
                String c2 = fx.repo().change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
                b.reconciler("production").orElseThrow().reconcile();
                assertEquals(c2, fx.repo().remoteLiveTag("production"));
                // replica a polls again: its pending live tag must not take the remote back to the first commit
                a.reconciler("production").orElseThrow().reconcile();
                assertEquals(c2, fx.repo().remoteLiveTag("production"));
                assertEquals(java.util.List.of(), a.repository("shop").orElseThrow().committedState().pending().stream()
                        .filter(t -> t.endsWith("/live")).toList());
                assertEquals(java.util.Optional.of(c2), a.board().environment("production").orElseThrow().liveCommit());
                assertEquals(0, a.board().environment("production").orElseThrow().recent().stream()
                        .filter(o -> o.commit().equals(c2)).count(), "replica b deployed c2; a neither re-applies nor re-marks it");
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private static void setReceivePack(Path bare, boolean enabled) throws Exception {
        try (org.eclipse.jgit.lib.Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
            org.eclipse.jgit.lib.StoredConfig config = r.getConfig();
            config.setBoolean("daemon", null, "receivepack", enabled);
            config.save();
        }
    }

    private static EnvironmentStatus status(Reconcilers reconcilers) {
        return reconcilers.board().environment("production").orElseThrow();
    }

    private static ServiceStatus web(Reconcilers reconcilers) {
        return status(reconcilers).services().stream().filter(s -> s.name().equals("web")).findFirst().orElseThrow();
    }
}
