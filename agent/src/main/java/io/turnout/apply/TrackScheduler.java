package io.turnout.apply;

import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceOutcome.Result;
import io.turnout.time.Sleeper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the tracks of one deployment side by side: at most {@code maxParallel} at once, each on its
 * own thread (started through the deployment's {@link Sleeper}, so that a virtual clock waits for
 * it), a track only once every service it depends on is applied, and in name order among those
 * ready. A dependency that did not deploy (failed, rolled back, skipped) skips its dependants,
 * which are reported and journaled as skipped without touching anything; a dependency paused at its
 * approval gate holds them back until a later run. Nothing else orders the tracks, and a track's
 * failure stops no other (invariant 7).
 *
 * <p>Scheduling happens on the tracks' own threads (a track that ends starts the next ones before
 * it is gone), so that a virtual clock never moves between one track's end and the next one's start.
 * An {@link Error} in a track (the process dying, in tests) halts the others as the process would
 * have: they are interrupted, stop without journaling anything more, and the error is rethrown.
 */
final class TrackScheduler {
    private final Map<String, ServiceTrack> pending = new LinkedHashMap<>();
    private final Map<String, ServiceOutcome> outcomes = new TreeMap<>();
    private final int maxParallel;
    private final Sleeper sleeper;
    private final Function<ServiceTrack, ServiceOutcome> run;
    private final Consumer<ServiceOutcome> skipped;
    private final List<Thread> threads = new ArrayList<>();
    private int running;
    private boolean launched;
    private Throwable halt;
    private volatile boolean halting;

    /**
     * @param tracks   the tracks to run; {@code ended} those that ended before (a recovery), not run again
     * @param run      runs one track to its end (on the track's thread)
     * @param skipped  records a track skipped because of a dependency (journal, progress)
     */
    TrackScheduler(List<ServiceTrack> tracks, Map<String, ServiceOutcome> ended, int maxParallel, Sleeper sleeper,
                   Function<ServiceTrack, ServiceOutcome> run, Consumer<ServiceOutcome> skipped) {
        tracks.stream().sorted(Comparator.comparing(ServiceTrack::service))
                .filter(t -> !ended.containsKey(t.service())).forEach(t -> pending.put(t.service(), t));
        this.outcomes.putAll(ended);
        this.maxParallel = maxParallel;
        this.sleeper = sleeper;
        this.run = run;
        this.skipped = skipped;
    }

    /** Whether the deployment is stopping because a track met an {@link Error}. */
    boolean halting() {
        return halting;
    }

    /** Runs every pending track; the outcome of each (those that ended before included), by service. */
    Map<String, ServiceOutcome> run() {
        synchronized (this) {
            if (pending.isEmpty()) return Map.copyOf(outcomes);
        }
        // the first tracks are started from a thread the clock waits for, so none of them can let it
        // move before all of them are counted
        sleeper.startThread(this::launchReady);
        boolean halted;
        synchronized (this) {
            // done once nothing runs and nothing more can start (what is left waits for a paused service)
            while (!(launched && running == 0) && halt == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    halt(new ServiceTrack.Halted());
                }
            }
            halted = halt != null;
        }
        if (halted) stopAll();
        synchronized (this) {
            return Map.copyOf(outcomes);
        }
    }

    private synchronized void launchReady() {
        boolean changed = true;
        while (changed && halt == null) {
            changed = false;
            for (ServiceTrack track : List.copyOf(pending.values())) {
                List<String> notDeployed = track.dependsOn().stream()
                        .filter(d -> outcomes.containsKey(d) && !outcomes.get(d).applied()
                                && outcomes.get(d).result() != Result.PAUSED).toList();
                if (!notDeployed.isEmpty()) {
                    pending.remove(track.service());
                    ServiceOutcome skip = new ServiceOutcome(track.service(), Result.SKIPPED, "not started: it depends on "
                            + String.join(", ", notDeployed.stream().map(d -> d + " (" + outcomes.get(d).result().label() + ")").toList()));
                    outcomes.put(track.service(), skip);
                    skipped.accept(skip);
                    changed = true;
                } else if (running < maxParallel && track.dependsOn().stream()
                        .allMatch(d -> outcomes.containsKey(d) && outcomes.get(d).applied())) {
                    pending.remove(track.service());
                    running++;
                    threads.add(sleeper.startThread(() -> runTrack(track)));
                }
            }
        }
        launched = true;
        notifyAll();
    }

    /** The tracks that could not start: each waits for a service paused at its approval gate. */
    synchronized List<String> waiting() {
        return List.copyOf(pending.keySet());
    }

    private void runTrack(ServiceTrack track) {
        ServiceOutcome outcome;
        try {
            outcome = run.apply(track);
        } catch (Throwable e) {
            synchronized (this) {
                running--;
                halt(e);
            }
            return;
        }
        synchronized (this) {
            running--;
            outcomes.put(track.service(), outcome);
            launchReady();
        }
    }

    private synchronized void halt(Throwable e) {
        if (halt == null || (halt instanceof ServiceTrack.Halted && !(e instanceof ServiceTrack.Halted))) halt = e;
        halting = true;
        notifyAll();
    }

    /** Interrupts every track still running, waits for them, and rethrows what halted the deployment. */
    private void stopAll() {
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(threads);
        }
        started.forEach(Thread::interrupt);
        for (Thread t : started) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        Throwable e;
        synchronized (this) {
            e = halt;
        }
        if (e instanceof Error error) throw error;
        if (e instanceof RuntimeException runtime) throw runtime;
        throw new IllegalStateException(e);
    }
}
