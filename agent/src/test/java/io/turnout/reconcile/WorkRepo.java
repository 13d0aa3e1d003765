package io.turnout.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * A bare "remote" spec repository and a developer's work tree that commits and pushes to it.
 * The specs (a copy of specs-example without its world file) live under {@code specs/}.
 */
public final class WorkRepo implements AutoCloseable {
    static final Path EXAMPLE = Path.of("..", "specs-example").toAbsolutePath().normalize();
    static final String SPECS = "specs";

    final Path bare;
    final Path work;
    private final Git git;
    private int commits;

    private WorkRepo(Path bare, Path work, Git git) {
        this.bare = bare;
        this.work = work;
        this.git = git;
    }

    /** A bare repository {@code <dir>/<name>.git} with the example specs committed under {@code specs/}. */
    static WorkRepo withExampleSpecs(Path dir, String name) throws Exception {
        return withSpecs(dir, name, EXAMPLE, "Add the shop specs");
    }

    /** A bare repository {@code <dir>/<name>.git} with a copy of {@code specs} (minus any world.yaml) committed under {@code specs/}. */
    static WorkRepo withSpecs(Path dir, String name, Path specs, String message) throws Exception {
        Path bare = dir.resolve(name + ".git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        Path work = dir.resolve(name + "-work");
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        WorkRepo repo = new WorkRepo(bare, work, git);
        try (Stream<Path> paths = Files.walk(specs)) {
            for (Path p : paths.sorted().toList()) {
                Path to = work.resolve(SPECS).resolve(specs.relativize(p).toString());
                if (p.getFileName().toString().equals("world.yaml")) continue;
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        repo.commitAll(message);
        return repo;
    }

    public String fileUrl() {
        return bare.toUri().toString();
    }

    /** Replaces the first {@code from} with {@code to} in {@code specs/<file>}, commits and pushes. */
    public String change(String file, String from, String to, String message) throws IOException, GitAPIException {
        Path path = work.resolve(SPECS).resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        if (!text.contains(from)) throw new IllegalArgumentException(file + " does not contain " + from);
        Files.writeString(path, text.replaceFirst(Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
        return commitAll(message);
    }

    /** Writes {@code specs/<file>} (null deletes it), commits and pushes. */
    public String write(String file, String content, String message) throws IOException, GitAPIException {
        Path path = work.resolve(SPECS).resolve(file);
        if (content == null) {
            Files.delete(path);
            return commitAll(message);
        }
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return commitAll(message);
    }

    String commitAll(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("Dev", "dev@example.com", Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * ++commits), ZoneOffset.UTC);
        RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        push();
        return c.name();
    }

    /** {@code git revert <commit>} and push. */
    public String revert(String commit) throws GitAPIException, IOException {
        RevCommit c = git.revert().include(git.getRepository().resolve(commit)).call();
        push();
        return c.name();
    }

    /** {@code git reset --hard <commit>} and force-push: the branch moves back. */
    public void forcePushTo(String commit) throws GitAPIException {
        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(commit).call();
        git.push().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/main:refs/heads/main")).call();
    }

    private void push() throws GitAPIException {
        git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
    }

    /** The commit {@code turnout/<env>/live} points at in the bare remote, or null. */
    public String remoteLiveTag(String environment) throws IOException {
        try (Repository remote = new FileRepositoryBuilder().setGitDir(bare.toFile()).build(); RevWalk walk = new RevWalk(remote)) {
            Ref ref = remote.exactRef(Constants.R_TAGS + "turnout/" + environment + "/live");
            if (ref == null) return null;
            ObjectId id = walk.peel(walk.parseAny(ref.getObjectId())).getId();
            return id.name();
        }
    }

    /** The tags under {@code turnout/<environment>/} in the bare remote, by short name, sorted. */
    public java.util.List<String> remoteTags(String environment) throws IOException {
        try (Repository remote = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
            return remote.getRefDatabase().getRefsByPrefix(Constants.R_TAGS + "turnout/" + environment + "/").stream()
                    .map(r -> r.getName().substring(Constants.R_TAGS.length())).sorted().toList();
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
