/**
 * The spec source: where the agent gets its specs from. One persistent local clone (bare, no
 * work tree) per spec repository under the agent's data directory
 * ({@link io.turnout.source.GitConnection}), polled cheaply ({@link io.turnout.source.GitSpecSource}:
 * one ls-remote per poll, a fetch and a spec parse only when the branch head moved), specs read
 * straight from a commit's tree ({@link io.turnout.source.GitTreeSpecFiles}), and the history
 * rules the agent applies to a moved head ({@link io.turnout.source.CommitHistory},
 * {@link io.turnout.source.RewindPolicy}).
 *
 * <p>Credentials ({@link io.turnout.source.GitCredentials}) are read from environment variables
 * or files when a connection is made; they never appear in a URL, a log line or an exception
 * message ({@link io.turnout.source.GitSourceException} messages are scrubbed).
 *
 * <p>Pure Git (JGit), no Micronaut: the scheduler and configuration wire this in later.
 */
package io.turnout.source;
