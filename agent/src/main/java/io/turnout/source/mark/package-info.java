/**
 * Committed state as Git tags on the spec repository: after a successful apply of commit C to
 * environment E, the lightweight tag {@code turnout/E/live} moves to C and an annotated tag
 * {@code turnout/E/<UTC timestamp>} (message: the plan summary) records the deployment
 * ({@link io.turnout.source.mark.CommitMarker}). Marking is local and always succeeds; pushing
 * the tags is a separate, retried step ({@link io.turnout.source.mark.CommitMarker#pushPending()})
 * whose failure is reported and never blocks a deployment. A restarted agent reads
 * {@code turnout/E/live} back to know what is live.
 */
package io.turnout.source.mark;
