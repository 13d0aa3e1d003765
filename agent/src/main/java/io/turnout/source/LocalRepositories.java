package io.turnout.source;

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
}
