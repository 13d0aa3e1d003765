/**
 * Comparing desired with live: the {@link io.turnout.diff.Normalizer} brings both sides to one
 * canonical shape (AWS's added fields stripped, AWS's defaults filled, order-insensitive lists
 * sorted), and the {@link io.turnout.diff.Differ} lists field-level {@link io.turnout.diff.Change}s
 * between two such documents. Pure functions, no I/O: the same input gives the same output.
 */
package io.turnout.diff;
