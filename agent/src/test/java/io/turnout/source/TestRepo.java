package io.turnout.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A bare "remote" repository and a work repository that commits and pushes to it, as a
 * developer would. Commit times are fixed so that runs are reproducible.
 */
final class TestRepo implements AutoCloseable {
    static final Path SPECS_EXAMPLE = Path.of("..", "specs-example").toAbsolutePath().normalize();

    final Path bare;
    final Path work;
    private final Git git;
    private int commits;

    private TestRepo(Path bare, Path work, Git git) {
        this.bare = bare;
        this.work = work;
        this.git = git;
    }

    static TestRepo create(Path dir) throws IOException, GitAPIException, java.net.URISyntaxException {
        Path bare = dir.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        Path work = dir.resolve("work");
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString())).call();
        return new TestRepo(bare, work, git);
    }

    /** The bare repository as a {@code file://} URL. */
    String fileUrl() {
        return bare.toUri().toString();
    }

    /** Writes {@code files} (path → content; null deletes), commits them and pushes main. */
    String commit(String message, Map<String, String> files) throws IOException, GitAPIException {
        for (var e : files.entrySet()) {
            Path file = work.resolve(e.getKey());
            if (e.getValue() == null) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        return commitAll(message);
    }

    /** Copies {@code source} into {@code target} (a folder of the work tree), commits and pushes. */
    String commitTree(String message, Path source, String target) throws IOException, GitAPIException {
        Path into = target.isEmpty() ? work : work.resolve(target);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.sorted().toList()) {
                Path to = into.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return commitAll(message);
    }

    String commitAll(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("Dev", "dev@example.com", java.time.Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * ++commits), java.time.ZoneOffset.UTC);
        RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        push(false);
        return c.name();
    }

    /** {@code git revert <commit>} and push. */
    String revert(String commit) throws GitAPIException, IOException {
        RevCommit c = git.revert().include(git.getRepository().resolve(commit)).call();
        push(false);
        return c.name();
    }

    /** {@code git reset --hard <commit>} and force-push main: the remote branch moves back. */
    void forcePushTo(String commit) throws GitAPIException {
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
        push(true);
    }

    /** Amends the last commit with another message and force-pushes: history rewritten. */
    String amendAndForcePush(String message) throws GitAPIException {
        commits++;
        PersonIdent who = new PersonIdent("Dev", "dev@example.com", java.time.Instant.parse("2026-11-02T00:00:00Z").plusSeconds(commits), java.time.ZoneOffset.UTC);
        RevCommit c = git.commit().setAmend(true).setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        push(true);
        return c.name();
    }

    private void push(boolean force) throws GitAPIException {
        git.push().setRemote("origin").setRefSpecs(new RefSpec((force ? "+" : "") + "refs/heads/main:refs/heads/main")).call();
    }

    Git git() {
        return git;
    }

    @Override
    public void close() {
        git.close();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
