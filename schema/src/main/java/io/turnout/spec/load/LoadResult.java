package io.turnout.spec.load;

import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import java.util.List;
import java.util.Optional;

/** A spec tree, or every problem found in it (sorted by file, line, column) — never both. */
public record LoadResult(Optional<SpecTree> tree, List<SpecProblem> problems) {
    public LoadResult {
        problems = List.copyOf(problems);
        if (tree.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a load result has a tree or problems, not both");
        }
    }

    public static LoadResult ok(SpecTree tree) {
        return new LoadResult(Optional.of(tree), List.of());
    }

    public static LoadResult failed(List<SpecProblem> problems) {
        return new LoadResult(Optional.empty(), problems);
    }

    public boolean isValid() {
        return tree.isPresent();
    }
}
