package io.turnout.source;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** Spec repositories made on this machine from a folder: what {@code turnout bench} polls, with no remote involved. */
public final class LocalRepositories {
    private LocalRepositories() {
    }

    /**
     * Commits everything in {@code folder} (which becomes a repository with branch {@code main})
     * in one commit, then clones it bare to {@code bare}: a remote to poll.
     */
    public static void commitAndCloneBare(Path folder, Path bare, String message) throws GitSourceException {
        try {
            try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage(message).setAuthor("turnout", "turnout@turnout.invalid")
                        .setCommitter("turnout", "turnout@turnout.invalid").setSign(false).call();
            }
            Git.cloneRepository().setURI(folder.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        } catch (GitAPIException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot make a repository of " + folder + ": " + e.getMessage());
        }
    }

    /**
     * Commits everything in {@code folder} (made by {@link #commitAndCloneBare}) and pushes its branch
     * {@code main} to {@code bare}: a push to the remote, as a merged pull request makes one; returns the commit id.
     */
    public static String commitAndPush(Path folder, Path bare, String message) throws GitSourceException {
        try (Git git = Git.open(folder.toFile())) {
            git.add().addFilepattern(".").call();
            String id = git.commit().setMessage(message).setAuthor("turnout", "turnout@turnout.invalid")
                    .setCommitter("turnout", "turnout@turnout.invalid").setSign(false).call().getId().name();
            git.push().setRemote(bare.toUri().toString()).add("main").call();
            return id;
        } catch (GitAPIException | IOException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot commit and push " + folder + ": " + e.getMessage());
        }
    }
}
