package io.turnout.source;

import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.URIish;

/**
 * One spec repository the agent follows: its URL ({@code https://}, {@code ssh://} or
 * {@code git@host:path}, {@code git://}, {@code file://} or a plain path), the branch, the folder
 * inside the repository that holds the specs ("" for the root, e.g. {@code deploy/specs} in a
 * monorepo) and the credentials.
 *
 * <p>A password or token inside the URL is refused: it would be written to the clone's config
 * and shown in every message that names the remote.
 */
public record GitRemote(String url, String branch, String path, GitCredentials credentials) {
    public GitRemote {
        Objects.requireNonNull(credentials, "credentials");
        if (url == null || url.isBlank()) throw new IllegalArgumentException("the spec repository URL is empty");
        URIish uri = parse(url);
        if (uri.getPass() != null) {
            throw new IllegalArgumentException("the spec repository URL " + display(uri)
                    + " contains a password or token: remove it from the URL and give it as a credential (environment variable or file)");
        }
        if (branch == null || branch.isBlank() || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new IllegalArgumentException("'" + branch + "' is not a valid branch name");
        }
        path = normalizePath(path);
        checkCredentialsFit(uri, credentials);
    }

    public GitRemote(String url, String branch) {
        this(url, branch, "", GitCredentials.none());
    }

    public URIish uri() {
        return parse(url);
    }

    /** The URL as shown in messages: the user name is kept, anything secret is not. */
    public String displayUrl() {
        return display(uri());
    }

    /** The ref of the tracked branch on the remote, e.g. {@code refs/heads/main}. */
    public String branchRef() {
        return Constants.R_HEADS + branch;
    }

    public GitRemote withPath(String newPath) {
        return new GitRemote(url, branch, newPath, credentials);
    }

    public GitRemote withCredentials(GitCredentials newCredentials) {
        return new GitRemote(url, branch, path, newCredentials);
    }

    private static URIish parse(String url) {
        try {
            return new URIish(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a Git URL: use https://host/org/repo.git, git@host:org/repo.git, ssh://…, git://… or a path");
        }
    }

    private static String display(URIish uri) {
        return uri.setPass(null).toString();
    }

    private static String normalizePath(String path) {
        if (path == null) return "";
        String p = path.strip().replace('\\', '/');
        while (p.startsWith("/")) p = p.substring(1);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.equals(".")) return "";
        for (String segment : p.split("/", -1)) {
            if (!p.isEmpty() && (segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
                throw new IllegalArgumentException("spec path '" + path + "' must be a folder inside the repository, like deploy/specs (no '.', '..' or empty segments)");
            }
        }
        return p;
    }

    private static void checkCredentialsFit(URIish uri, GitCredentials credentials) {
        String scheme = uri.getScheme() == null ? (uri.getHost() != null ? "ssh" : "file") : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http") || scheme.equals("https");
        boolean ssh = scheme.equals("ssh") || scheme.equals("git+ssh") || scheme.equals("ssh+git");
        switch (credentials) {
            case GitCredentials.Https h when !http -> throw new IllegalArgumentException(
                    "HTTPS credentials were given for " + display(uri) + ", which is not an https:// URL: use the https:// URL of the repository");
            case GitCredentials.Ssh s when !ssh -> throw new IllegalArgumentException(
                    "an SSH key was given for " + display(uri) + ", which is not an SSH URL: use git@host:org/repo.git or ssh://…");
            default -> { }
        }
    }

    /**
     * Whether a repository named by a webhook or a person ({@code https://github.com/shop/specs},
     * {@code git@github.com:shop/specs.git}, {@code shop/specs}) is the configured {@code url}:
     * same host and path ignoring scheme, user, case and {@code .git}, or the configured path ends
     * with the given {@code owner/name}.
     */
    public static boolean matches(String url, String repository) {
        if (repository == null || repository.isBlank()) return false;
        String configured = key(url);
        String asked = key(repository.strip());
        if (configured.equals(asked)) return true;
        String plain = normalize(repository.strip());
        return !plain.contains(":") && configured.endsWith("/" + plain);
    }

    private static String key(String url) {
        try {
            URIish uri = new URIish(url);
            String host = Optional.ofNullable(uri.getHost()).orElse("");
            return normalize(host + "/" + uri.getPath());
        } catch (URISyntaxException e) {
            return normalize(url);
        }
    }

    private static String normalize(String s) {
        String n = s.toLowerCase(Locale.ROOT).replaceAll("/+", "/");
        while (n.endsWith("/")) n = n.substring(0, n.length() - 1);
        if (n.endsWith(".git")) n = n.substring(0, n.length() - 4);
        while (n.startsWith("/")) n = n.substring(1);
        return n;
    }
}
