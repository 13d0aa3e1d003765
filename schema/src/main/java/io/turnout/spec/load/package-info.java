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
 * {@code SpecFileParser}/{@code TreeReader} (bytes to a positioned tree, numbers narrowed),
 * {@code SchemaValidation} and {@code ProblemMessages} (schema errors in human words, with
 * {@code TurnoutOwnedFields} and {@code ResponseOnlyFields}), {@code IncludePaths} (task
 * definition and service settings files), {@code DurationBounds}, {@code CrossFileRules},
 * {@code ServiceRules} (what ECS checks at RegisterTaskDefinition and CreateService:
 * {@code TaskDefinitionRules}, {@code ServiceSettingsRules}, placed through {@code MergedPlaces};
 * and {@code EnvironmentConflicts}), {@code SpecTreeHint} (a folder that is not one spec tree),
 * {@code SpecTreeBuilder} (validated tree to records, with defaults).
 */
package io.turnout.spec.load;
