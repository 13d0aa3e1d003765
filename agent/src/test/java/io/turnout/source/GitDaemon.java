package io.turnout.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code git daemon} serving every repository under a folder over {@code git://127.0.0.1:<port>/},
 * pushes allowed. Started as a child process; ready when it logs "Ready to rumble" (no polling,
 * no sleeping).
 */
final class GitDaemon implements AutoCloseable {
    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean gitAvailable() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static GitDaemon start(Path baseDir) throws IOException {
        return start(baseDir, "--enable=receive-pack");
    }

    /** With other service options, e.g. {@code --allow-override=receive-pack} (each repository's {@code daemon.receivepack} decides). */
    static GitDaemon start(Path baseDir, String... serviceOptions) throws IOException {
        int port = freePort();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "daemon", "--reuseaddr", "--verbose", "--export-all"));
        command.addAll(java.util.List.of(serviceOptions));
        command.addAll(java.util.List.of("--base-path=" + baseDir, "--listen=127.0.0.1", "--port=" + port, baseDir.toString()));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = log.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("Ready to rumble")) {
                Thread drain = Thread.ofVirtual().start(() -> {
                    try {
                        log.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the daemon stopped
                    }
                });
                drain.setName("git-daemon-log");
                return new GitDaemon(process, port);
            }
        }
        process.destroy();
        throw new IOException("git daemon did not start:\n" + seen);
    }

    String url(String repository) {
        return "git://127.0.0.1:" + port + "/" + repository;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
