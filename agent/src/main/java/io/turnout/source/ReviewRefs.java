package io.turnout.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Fetches a pull request's commit (and the base branch it is compared with) into the
 * persistent clone, with explicit refspecs, under {@code refs/turnout/review/}: a namespace the
 * agent's polling never reads, keyed by the ref so that plans of several pull requests sharing
 * one data directory do not overwrite each other's refs.
 */
public final class ReviewRefs {
    static final String NAMESPACE = "refs/turnout/review/";

    /**
     * @param ref        the remote ref the head came from ({@code refs/pull/42/head}, {@code refs/heads/x}), or the commit id asked for
     * @param commit     the commit to plan
     * @param base       the base branch ref, when compared with one
     * @param baseCommit its commit
     */
    public record Fetched(String ref, String commit, Optional<String> base, Optional<String> baseCommit) {}

    private ReviewRefs() {}

    /**
     * @param ref  a full ref ({@code refs/pull/42/head}), a branch or tag name, or a commit id
     * @param base the branch to compare with; empty: the remote's default branch (or {@code main});
     *             null: no comparison
     */
    public static Fetched fetch(GitConnection git, String ref, Optional<String> base, boolean compare) throws GitSourceException {
        Map<String, ObjectId> remoteRefs = git.lsRemote("");
        String remote = git.remote().displayUrl();
        List<RefSpec> specs = new ArrayList<>();
        String headLocal = local("head", ref);
        Optional<String> commitAsked = ObjectId.isId(ref) ? Optional.of(ref) : Optional.empty();
        String headRemote;
        if (commitAsked.isPresent()) {
            headRemote = remoteRefs.entrySet().stream().filter(e -> e.getValue().name().equals(ref))
                    .map(Map.Entry::getKey).filter(n -> n.startsWith("refs/")).sorted().findFirst().orElse(ref);
        } else {
            headRemote = fullRef(ref, remoteRefs).orElseThrow(() -> new GitSourceException(GitSourceException.Reason.NOT_FOUND,
                    "'" + ref + "' is neither a branch, a tag nor a ref on " + remote + ": pass e.g. refs/pull/42/head (GitHub), "
                            + "refs/merge-requests/7/head (GitLab), a branch name or a commit id"));
        }
        boolean haveCommit = commitAsked.map(id -> has(git, id)).orElse(false);
        // A commit id no ref points at can be fetched directly where the server allows it (GitHub
        // does: uploadpack.allowReachableSHA1InWant); when it is already in the clone, nothing to fetch.
        if (!haveCommit) specs.add(new RefSpec("+" + headRemote + ":" + headLocal));

        Optional<String> baseRef = Optional.empty();
        if (compare) {
            baseRef = base.map(b -> fullRef(b, remoteRefs).orElse(b.startsWith("refs/") ? b : "refs/heads/" + b))
                    .or(() -> defaultBranch(remoteRefs));
            if (baseRef.isPresent() && !remoteRefs.containsKey(baseRef.get())) {
                throw new GitSourceException(GitSourceException.Reason.NOT_FOUND, "base branch '" + base.orElse(baseRef.get())
                        + "' does not exist on " + remote + ": pass --base with the branch the pull request targets");
            }
            baseRef.ifPresent(b -> specs.add(new RefSpec("+" + b + ":" + local("base", b))));
        }
        if (!specs.isEmpty()) git.fetch(specs);
        String commit = haveCommit ? commitAsked.get() : resolve(git, headLocal);
        Optional<String> baseCommit = baseRef.isPresent() ? Optional.of(resolve(git, local("base", baseRef.get()))) : Optional.empty();
        return new Fetched(commitAsked.isPresent() ? ref : headRemote, commit, baseRef, baseCommit);
    }

    /** {@code x} as the remote has it: itself if it is a full ref, else {@code refs/heads/x}, {@code refs/tags/x}. */
    private static Optional<String> fullRef(String name, Map<String, ObjectId> remoteRefs) {
        for (String candidate : List.of(name, "refs/heads/" + name, "refs/tags/" + name, "refs/" + name)) {
            if (remoteRefs.containsKey(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /**
     * The branch the remote's HEAD points at. The ref advertisement gives HEAD's commit, not its
     * target, so the branch with the same commit is taken ({@code main}, then {@code master}
     * preferred when several match); {@code main} when HEAD is not advertised.
     */
    static Optional<String> defaultBranch(Map<String, ObjectId> remoteRefs) {
        ObjectId head = remoteRefs.get("HEAD");
        List<String> candidates = remoteRefs.entrySet().stream()
                .filter(e -> e.getKey().startsWith("refs/heads/") && (head == null || e.getValue().equals(head)))
                .map(Map.Entry::getKey).sorted().toList();
        for (String preferred : List.of("refs/heads/main", "refs/heads/master")) {
            if (candidates.contains(preferred)) return Optional.of(preferred);
        }
        return head == null ? Optional.empty() : candidates.stream().findFirst();
    }

    private static String local(String kind, String ref) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ref.getBytes(StandardCharsets.UTF_8));
            return NAMESPACE + kind + "/" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean has(GitConnection git, String id) {
        try {
            return git.repository().getObjectDatabase().has(ObjectId.fromString(id));
        } catch (IOException e) {
            return false;
        }
    }

    private static String resolve(GitConnection git, String localRef) throws GitSourceException {
        try {
            Ref ref = git.repository().exactRef(localRef);
            if (ref == null || ref.getObjectId() == null) {
                throw new GitSourceException(GitSourceException.Reason.NOT_FOUND, "fetching from " + git.remote().displayUrl()
                        + " did not give " + localRef + ": check the ref exists");
            }
            return ref.getObjectId().name();
        } catch (IOException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot read " + localRef + " in the local clone "
                    + git.cloneDir() + ": " + e.getMessage());
        }
    }
}
