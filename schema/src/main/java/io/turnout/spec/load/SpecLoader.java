package io.turnout.spec.load;

import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a spec repository into a {@link io.turnout.spec.SpecTree}, or into the list of
 * everything wrong with it.
 *
 * <p>Steps: list the YAML files; parse each (one document, positions kept, hostile input
 * bounded by {@link SpecLimits}); sort them by {@code kind}; validate each against its JSON
 * Schema; read each service's task definition (inline or from a file inside the repository)
 * and validate it; check the rules that span files (environments exist, container ports match
 * the target groups …); build the immutable records. A tree comes out only when there is no
 * problem at all; otherwise every problem found, sorted by file, line and column.
 *
 * <p>Never throws for bad input, and loading is side-effect free, so one loader may be shared.
 */
public final class SpecLoader {
    private final SpecLimits limits;

    public SpecLoader(SpecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SpecLoader() {
        this(SpecLimits.DEFAULT);
    }

    /** Loads the spec repository in {@code dir} with the default limits. */
    public static LoadResult load(Path dir) {
        return new SpecLoader().load(new DirectorySpecFiles(dir));
    }

    public LoadResult load(SpecFiles files) {
        try {
            // the schemas are compiled on first use (once per process), not when a loader is made
            return new LoadRun(files, limits, SpecSchemas.get()).run();
        } catch (RuntimeException e) {
            // A bug of ours must still not surface as a stack trace in a plan comment; the
            // problem names the exception so that it can be reported.
            return LoadResult.failed(List.of(new SpecProblem(SourceLocation.of(files.describe()), "",
                    "internal error while loading the specs: " + e, "report this as a Turnout bug, with the spec file that triggers it")));
        }
    }

    public SpecLimits limits() {
        return limits;
    }
}
