package io.turnout.source;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Ancestry questions about commits of the local clone. */
public final class CommitHistory {
    private CommitHistory() {
    }

    /**
     * How the branch moved from {@code from} (empty: nothing before) to {@code to}. A {@code from}
     * that is not in the clone (pruned after a history rewrite) counts as {@link HistoryMove#DIVERGED}.
     *
     * @throws IOException when {@code to} is missing or the clone cannot be read
     */
    public static HistoryMove classify(Repository repository, Optional<ObjectId> from, ObjectId to) throws IOException {
        if (from.isEmpty()) return HistoryMove.INITIAL;
        if (from.get().equals(to)) return HistoryMove.SAME;
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit target = walk.parseCommit(to);
            RevCommit earlier;
            try {
                earlier = walk.parseCommit(from.get());
            } catch (MissingObjectException gone) {
                return HistoryMove.DIVERGED;
            }
            if (walk.isMergedInto(earlier, target)) return HistoryMove.FORWARD;
            walk.reset();
            if (walk.isMergedInto(target, earlier)) return HistoryMove.REWIND;
            return HistoryMove.DIVERGED;
        }
    }

    /** Same as {@link #classify(Repository, Optional, ObjectId)} with commit ids as hex strings. */
    public static HistoryMove classify(Repository repository, Optional<String> from, String to) throws IOException {
        return classify(repository, from.map(ObjectId::fromString), ObjectId.fromString(to));
    }
}
