package io.turnout.cli;

import io.turnout.error.TurnoutException;
import io.turnout.render.PlanComment;
import io.turnout.source.GitConnection;
import io.turnout.source.GitCredentials;
import io.turnout.source.GitRemote;
import io.turnout.source.GitSourceException;
import io.turnout.source.GitSpecSource;
import io.turnout.source.ReviewRefs;
import io.turnout.source.SecretSource;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The specs a change plan is about: a commit of a repository (and its base), or a folder. */
final class ChangeSpecs {
    /**
     * @param head        the specs to plan (valid or not)
     * @param base        the valid specs of the base, when compared with one
     * @param source      where they came from, as the comment says it
     * @param notes       remarks for the reader
     * @param problemRoot how problem locations are prefixed in text output
     */
    record Loaded(LoadResult head, Optional<SpecTree> base, PlanComment.Source source, List<String> notes, Path problemRoot) {}

    private ChangeSpecs() {}

    static Loaded fromFolder(PlanCommand options) {
        LoadResult loaded = SpecsOption.load(options.specs);
        return new Loaded(loaded, Optional.empty(), new PlanComment.Source(options.specs.toString(),
                Optional.ofNullable(options.commit.commit), Optional.empty(), ""), List.of(), options.specs);
    }

    static Loaded fromRepository(PlanCommand options) {
        GitRemote remote;
        try {
            GitCredentials credentials = options.gitTokenEnv == null ? GitCredentials.none()
                    : GitCredentials.basic(options.gitUser, SecretSource.environmentVariable(options.gitTokenEnv));
            remote = new GitRemote(options.repository.repo, options.base != null && !options.base.startsWith("refs/") ? options.base : "main",
                    options.repository.path, credentials);
        } catch (IllegalArgumentException e) {
            throw new TurnoutException(e.getMessage(), "Check --repo, --base, --path and --git-token-env.");
        }
        Path dataDir = options.dataDir != null ? options.dataDir
                : Path.of(Optional.ofNullable(options.environment.get("TURNOUT_DATA_DIR")).filter(s -> !s.isBlank()).orElse(".turnout"));
        boolean compare = options.env == null;
        try (GitConnection git = GitConnection.open(remote, dataDir, options.environment)) {
            ReviewRefs.Fetched fetched = ReviewRefs.fetch(git, options.ref, Optional.ofNullable(options.base), compare);
            GitSpecSource specs = new GitSpecSource(git, new SpecLoader());
            LoadResult head = specs.specsAt(fetched.commit());
            List<String> notes = new ArrayList<>();
            Optional<SpecTree> base = Optional.empty();
            if (compare && fetched.baseCommit().isEmpty()) {
                notes.add("The remote has no default branch to compare with: every environment is planned. Pass --base BRANCH to plan only what the change touches.");
            }
            if (fetched.baseCommit().isPresent() && head.isValid()) {
                LoadResult baseSpecs = specs.specsAt(fetched.baseCommit().get());
                base = baseSpecs.tree();
                if (base.isEmpty()) notes.add("The specs of the base branch are invalid, so nothing can be compared: every environment is planned.");
            }
            Optional<String> baseName = fetched.base().map(b -> b.replaceFirst("^refs/heads/", ""));
            return new Loaded(head, base, new PlanComment.Source(options.ref, Optional.of(fetched.commit()), baseName, remote.path()),
                    notes, ChangePlan.displayRoot(remote.path()));
        } catch (GitSourceException e) {
            throw new TurnoutException(e.getMessage(), "Nothing was planned. Check --repo and --ref, and the credentials (--git-token-env).");
        }
    }
}
