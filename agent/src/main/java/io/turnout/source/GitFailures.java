package io.turnout.source;

import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;

/**
 * Turns a JGit failure into a {@link GitSourceException}: classified (so the caller knows whether
 * to retry), with a next step, and scrubbed of every secret value in play. JGit does not put
 * credentials into its messages, and {@link GitRemote} keeps them out of URLs; the scrubbing is
 * the second lock on the door.
 */
final class GitFailures {
    static final String REDACTED = "****";

    private GitFailures() {
    }

    static GitSourceException describe(String action, GitRemote remote, Exception e, List<String> secrets) {
        // JGit prefixes its messages with the URL, which the action already names.
        String detail = scrub(causeChain(e), secrets).replace(remote.displayUrl() + ": ", "")
                .replaceAll("\\s*\\R\\s*", " ").replaceAll("[.\\s]+$", "");
        String lower = detail.toLowerCase(Locale.ROOT);
        GitSourceException.Reason reason;
        String next;
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
                || lower.contains("no more authentication methods") || lower.contains("401") || lower.contains("403")
                || lower.contains("permission denied")) {
            reason = GitSourceException.Reason.AUTHENTICATION;
            next = "check the credentials configured for this repository (token or key, and its access rights)";
        } else if (lower.contains("not permitted") || lower.contains("denied") || lower.contains("protected")) {
            reason = GitSourceException.Reason.REJECTED;
            next = "check that the credentials may write to this repository (push access, tag protection rules for refs/tags/turnout/)";
        } else if (lower.contains("host key") || lower.contains("known_hosts") || lower.contains("server key did not validate")) {
            reason = GitSourceException.Reason.AUTHENTICATION;
            next = "add the server's host key to the configured known_hosts file (ssh-keyscan, then verify the fingerprint)";
        } else if (hasCause(e, NoRemoteRepositoryException.class) || hasCause(e, InvalidRemoteException.class)
                || lower.contains("not found") || lower.contains("does not appear to be a git repository")) {
            reason = GitSourceException.Reason.NOT_FOUND;
            next = "check the repository URL";
        } else if (hasCause(e, NotSupportedException.class)) {
            reason = GitSourceException.Reason.CONFIGURATION;
            next = "use an https://, ssh://, git://, file:// URL or a path";
        } else {
            reason = GitSourceException.Reason.UNREACHABLE;
            next = "this is retried later";
        }
        return new GitSourceException(reason, "cannot " + action + ": " + detail + ". " + capitalize(next));
    }

    static String scrub(String text, List<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) result = result.replace(secret, REDACTED);
        }
        return result;
    }

    private static String causeChain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        String last = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (last != null && last.contains(message)) continue;
            if (!sb.isEmpty()) sb.append("; caused by: ");
            sb.append(message);
            last = message;
        }
        return sb.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }
}
