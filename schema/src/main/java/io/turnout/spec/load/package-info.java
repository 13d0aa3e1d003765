/**
 * Reading a spec repository into a {@link io.turnout.spec.SpecTree}: finding the spec files,
 * parsing YAML/JSON with source positions, JSON Schema validation, cross-file rules and the
 * limits that keep hostile input (alias bombs, deep nesting, huge files, escaping include
 * paths) from hurting the process. A tree comes out only when there is no problem at all.
 *
 * <p>Public entry points: {@link io.turnout.spec.load.SpecLoader} (with
 * {@link io.turnout.spec.load.SpecLimits}), {@link io.turnout.spec.load.SpecFiles} and its
 * folder implementation {@link io.turnout.spec.load.DirectorySpecFiles},
 * {@link io.turnout.spec.load.LoadResult}, {@link io.turnout.spec.load.SpecSchemas} (the schema
 * files) and {@link io.turnout.spec.load.Durations}. Everything else is a step of the loader:
 * {@code SpecFileParser}/{@code TreeReader} (bytes to a positioned tree), {@code SchemaValidation}
 * and {@code ProblemMessages} (schema errors in human words), {@code IncludePaths},
 * {@code CrossFileRules}, {@code SpecTreeBuilder} (validated tree to records, with defaults).
 */
package io.turnout.spec.load;
