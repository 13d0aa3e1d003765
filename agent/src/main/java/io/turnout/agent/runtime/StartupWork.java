package io.turnout.agent.runtime;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.netty.util.internal.PlatformDependent;
import io.turnout.cloud.CloudAccess;
import io.turnout.pipeline.CloudOpener;
import io.turnout.source.GitConnection;
import io.turnout.source.GitRemote;
import io.turnout.source.GitSpecSource;
import io.turnout.spec.load.SpecLoader;
import io.turnout.spec.load.SpecSchemas;
import io.turnout.state.sql.SqlStateStore;
import io.turnout.state.sql.StateDatabase;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The slow and independent parts of the agent's start, begun together on threads of their own as
 * soon as the application context has read the configuration, so that they overlap with each
 * other and with the rest of the start (the context's other beans, the HTTP server, Quartz):
 * <ul>
 *   <li>opening the state store: the database file or connection pool and Flyway's migrations;</li>
 *   <li>opening the cloud: AWS's clients, or the simulated cloud's world file;</li>
 *   <li>compiling the spec schemas;</li>
 *   <li>each spec repository: opening its clone, and the first poll's fetch and spec load
 *       ({@link GitSpecSource#prefetch()}, which waits for the schemas).</li>
 * </ul>
 * The beans made of them ({@link AgentFactory}) wait for them here. A failure surfaces where that
 * bean is created, as the same exception as if the work had been done there, so that the agent's
 * start reports it as before. What was opened but never handed to a bean (the start failed
 * elsewhere first) is closed with the context.
 */
@Context
@Requires(property = "turnout.agent.repositories")
@Requires(property = "turnout.agent.enabled", notEquals = "false")
final class StartupWork implements AutoCloseable {
    private final Started<SqlStateStore> store;
    /** Empty when the context was given a cloud of its own (replicas sharing one simulated cloud, in tests). */
    private final Optional<Started<CloudAccess>> cloud;
    private final List<Started<Opened>> sources = new ArrayList<>();

    /** A configured repository ({@code turnout.agent.repositories.<name>}) and its source. */
    record Opened(String name, GitSpecSource source) implements AutoCloseable {
        @Override
        public void close() {
            source.close();
        }
    }

    StartupWork(AgentConfiguration config, List<RepositoryConfiguration> repositories, BeanContext context) {
        // AgentFactory#cloudAccess is the only definition unless the context was given a cloud
        boolean givenACloud = context.getBeanDefinitions(CloudAccess.class).stream()
                .anyMatch(d -> d.getDeclaringType().orElse(null) != AgentFactory.class);
        // a configuration error (a token in a URL …) fails the context's start here, before anything is begun
        Map<String, GitRemote> remotes = new LinkedHashMap<>();
        for (RepositoryConfiguration repository : repositories) remotes.put(repository.getName(), repository.toRemote());
        // platform threads that end with their task: nothing here outlives the start
        ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("turnout-start-", 1).daemon(true).factory());
        try {
            // The store takes longest (Flyway). The spec schemas are compiled while the repositories are fetched (loading
            // their specs waits for them), and the cloud is opened after them on the same thread: it is needed last, and a
            // thread fewer leaves more of the CPU to the store.
            store = new Started<>(CompletableFuture.supplyAsync(() -> AgentFactory.openStore(config), threads), SqlStateStore::close);
            CompletableFuture<Void> schemas = CompletableFuture.runAsync(SpecSchemas::get, threads);
            cloud = givenACloud ? Optional.empty() : Optional.of(new Started<>(schemas.handle((ignored, e) -> CloudOpener.open(
                    config.getCloud(), config.getWorld(), CloudOpener.Use.AGENT, config.getDataDir(), System.getenv())), CloudAccess::close));
            remotes.forEach((name, remote) -> sources.add(new Started<>(CompletableFuture.supplyAsync(() -> {
                GitSpecSource source = GitSpecSource.open(remote, config.getDataDir(), System.getenv(), new SpecLoader());
                source.prefetch();
                return new Opened(name, source);
            }, threads), Opened::close)));
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Begins, before the application context reads the configuration, the one-off set-ups that need
     * none and that the start would otherwise wait for, each on a daemon thread: JGit reading git's
     * configuration (it runs {@code git config --system}), Netty's (on JDK 25 it links the native
     * calls that free its buffers), and SQLite's native library (sqlite-jdbc runs {@code uname}),
     * unless a database URL says the store is PostgreSQL. Whoever needs one of them later waits for
     * it or does it again.
     */
    static void beginAhead(Map<String, Object> properties) {
        // Netty's JFR events for buffer allocations start JFR's machinery at the first HTTP request, for a recording
        // nobody makes: off before Netty sets itself up; -Dio.netty.jfr.enabled=true turns them back on for a profile
        if (System.getProperty("io.netty.jfr.enabled") == null) System.setProperty("io.netty.jfr.enabled", "false");
        ahead("turnout-git-config", GitConnection::readGitConfiguration);
        ahead("turnout-netty-set-up", PlatformDependent::maxDirectMemory);
        if (!properties.containsKey("turnout.agent.datasource.url") && System.getenv("TURNOUT_AGENT_DATASOURCE_URL") == null) {
            ahead("turnout-sqlite-library", StateDatabase::prepareNativeLibrary);
        }
    }

    private static void ahead(String name, Runnable work) {
        Thread.ofPlatform().name(name).daemon(true).start(work);
    }

    /** The state store, once open and migrated; the error that opening it raised, otherwise. */
    SqlStateStore store() {
        return store.take();
    }

    /** The cloud (AWS's clients, or the simulated cloud read from its world file), once open. */
    CloudAccess cloud() {
        return cloud.orElseThrow(() -> new IllegalStateException("the context was given a cloud; StartupWork opened none")).take();
    }

    /** The repositories' sources in configuration order, each prefetched; the first error, otherwise. */
    List<Opened> sources() {
        List<Opened> opened = new ArrayList<>();
        for (Started<Opened> source : sources) opened.add(source.take());
        return opened;
    }

    /** Closes what was opened here and never handed out (waiting for work still running). */
    @Override
    @PreDestroy
    public void close() {
        store.closeUnlessTaken();
        cloud.ifPresent(Started::closeUnlessTaken);
        sources.forEach(Started::closeUnlessTaken);
    }

    /** One piece of work: its result is handed out once, or closed here. */
    private static final class Started<T> {
        private final CompletableFuture<T> work;
        private final Consumer<T> closer;
        private boolean taken;

        Started(CompletableFuture<T> work, Consumer<T> closer) {
            this.work = work;
            this.closer = closer;
        }

        /** The result, or the exception the work threw (all of them are unchecked). */
        synchronized T take() {
            try {
                T result = work.join();
                taken = true;
                return result;
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) throw runtime;
                if (e.getCause() instanceof Error error) throw error;
                throw e;
            }
        }

        synchronized void closeUnlessTaken() {
            if (taken) return;
            taken = true;
            try {
                closer.accept(work.join());
            } catch (RuntimeException failed) {
                // it failed to open: nothing to close
            }
        }
    }
}
