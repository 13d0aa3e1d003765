/**
 * The immutable model of a spec tree: environments, services, strategies and their
 * per-environment overrides, as loaded and validated from a spec repository.
 *
 * <p>Everything here is a value: records whose JSON parts ({@code taskDefinition},
 * {@code service}) are private deep copies that callers must treat as read-only. The
 * loader ({@code io.turnout.spec.load}) builds these; nothing in this package does I/O.
 */
package io.turnout.spec;
