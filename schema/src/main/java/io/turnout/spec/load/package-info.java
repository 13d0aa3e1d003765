/**
 * Reading a spec repository into a {@link io.turnout.spec.SpecTree}: finding the spec files,
 * parsing YAML/JSON with source positions, JSON Schema validation, cross-file rules and the
 * limits that keep hostile input (alias bombs, deep nesting, huge files, escaping include
 * paths) from hurting the process. A tree comes out only when there is no problem at all.
 */
package io.turnout.spec.load;
