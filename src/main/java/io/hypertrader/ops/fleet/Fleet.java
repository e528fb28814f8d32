package io.hypertrader.ops.fleet;

import io.hypertrader.core.UserError;
import io.hypertrader.live.store.LiveStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Many deployments in one process ({@code run --all}): every active deployment runs its own
 * runner on its own thread, and this supervisor keeps them apart. A runner that throws, ends
 * with a failure or stops beating is that deployment's problem only: it is journaled by its
 * runner, reported here, and started again after a backoff that doubles per failure in a row.
 * A runner that refuses to resume (a restored strategy that disagrees with its venue: exit 5
 * for a single {@code run}) waits for a person and is not restarted. Deployments promoted while
 * the fleet runs are picked up at the next scan; stopped ones are left to end.
 *
 * <p>The supervisor reads no wall clock: {@code clock} is injected, and {@link #step()} is one
 * pass (tests drive it; {@link #run} loops it).
 */
public final class Fleet {

    /** Runs one deployment's runner to its end on the calling thread; returns its end reason. */
    @FunctionalInterface
    public interface Launcher {
        String run(LiveStore.Deployment deployment) throws Exception;
    }

    /**
     * @param rescanMs       how often the store is read for deployments promoted or stopped meanwhile
     * @param firstBackoffMs wait before restarting a runner after its first failure in a row (doubling)
     * @param maxBackoffMs   longest such wait
     * @param stallMs        a running runner whose heartbeat is older than this is interrupted and
     *                       restarted (0: never); give it several poll intervals and the lease timeout
     */
    public record Settings(long rescanMs, long firstBackoffMs, long maxBackoffMs, long stallMs) {
        public static final Settings DEFAULTS = new Settings(30_000, 5_000, 300_000, 180_000);

        public Settings {
            if (rescanMs <= 0 || firstBackoffMs < 0 || maxBackoffMs < firstBackoffMs || stallMs < 0) {
                throw new IllegalArgumentException("fleet settings: rescan > 0, 0 <= first backoff <= max backoff, stall >= 0");
            }
        }
    }

    /** Where a deployment's runner stands. */
    public enum State {
        /** Its runner thread is running. */
        RUNNING,
        /** It failed; it starts again at {@link Member#restartAtMs()}. */
        BACKOFF,
        /** It refused to resume; a person must look (not restarted). */
        REFUSED,
        /** It ended on its own (stopped, or its bound reached). */
        ENDED
    }

    /** One deployment under supervision (a snapshot for reports). */
    public record Member(String id, String stage, State state, int starts, int failuresInARow, int failures, long restartAtMs,
                         String last) {
    }

    private final Supplier<List<LiveStore.Deployment>> active;
    private final HeartbeatSource heartbeats;
    private final Launcher launcher;
    private final LongSupplier clock;
    private final Settings settings;
    private final Consumer<String> say;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final LinkedBlockingQueue<Slot> ended = new LinkedBlockingQueue<>();
    private long nextScanMs;
    private boolean scanned;
    private boolean starting = true;

    /** The newest heartbeat of a deployment's runner, UTC epoch ms, or null when it has none. */
    @FunctionalInterface
    public interface HeartbeatSource {
        Long lastBeat(String deploymentId);
    }

    /**
     * @param active     the deployments to run now (read at every scan; the caller filters stage and status)
     * @param heartbeats the runners' heartbeats, for the stall check
     * @param launcher   builds and runs one deployment's runner (blocking)
     * @param clock      UTC epoch ms
     * @param say        one line per event, for the operator
     */
    public Fleet(Supplier<List<LiveStore.Deployment>> active, HeartbeatSource heartbeats, Launcher launcher, LongSupplier clock,
                 Settings settings, Consumer<String> say) {
        this.active = Objects.requireNonNull(active);
        this.heartbeats = Objects.requireNonNull(heartbeats);
        this.launcher = Objects.requireNonNull(launcher);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.say = Objects.requireNonNull(say);
    }

    /**
     * Supervises until {@code keepStarting} turns false and every runner has ended, or, with
     * {@code endWhenIdle}, until no runner runs or waits for a restart (a session bounded by bars:
     * each runner ends at its own bound); or until interrupted (then every runner is interrupted
     * and awaited for up to 30 s). Without either, it runs on with no deployment, waiting for one
     * to be promoted.
     *
     * @param keepStarting false once no runner may be started any more (the fleet's duration passed)
     * @param endWhenIdle  end once every runner has ended on its own (or waits for a person)
     * @param tickMs       longest wait between two passes (a runner's end wakes it at once)
     */
    public void run(java.util.function.BooleanSupplier keepStarting, boolean endWhenIdle, long tickMs) {
        try {
            while (true) {
                starting = keepStarting.getAsBoolean();
                step();
                if ((!starting || (endWhenIdle && idle())) && running() == 0) {
                    return;
                }
                Slot s = ended.poll(tickMs, TimeUnit.MILLISECONDS);
                if (s != null) {
                    ended.add(s); // handled by the next step
                }
            }
        } catch (InterruptedException e) {
            interruptAll(30_000); // before the flag is set again: the joins must wait
            Thread.currentThread().interrupt();
        }
    }

    /** One supervision pass: reaps ended runners, rescans when due, restarts after backoff, checks heartbeats. */
    public synchronized void step() {
        long now = clock.getAsLong();
        for (Slot s; (s = ended.poll()) != null; ) {
            reap(s, now);
        }
        if (starting && (!scanned || now - nextScanMs >= 0)) {
            scanned = true;
            scan(now);
            nextScanMs = now + settings.rescanMs();
        }
        for (Slot s : slots.values()) {
            if (!starting && s.state == State.BACKOFF) {
                s.state = State.ENDED; // the fleet's time is up: no restart
                s.last += "; not restarted: the fleet's time is up";
            } else if (starting && s.state == State.BACKOFF && now - s.restartAtMs >= 0) {
                start(s, now);
            } else if (s.state == State.RUNNING && settings.stallMs() > 0) {
                checkBeat(s, now);
            }
        }
    }

    /** The members, in the order they were first seen. */
    public synchronized List<Member> members() {
        List<Member> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            out.add(new Member(s.d.id(), s.d.stage().code(), s.state, s.starts, s.failuresInARow, s.failures, s.restartAtMs, s.last));
        }
        return out;
    }

    /** True after the first scan when no runner runs or waits for its restart. */
    private synchronized boolean idle() {
        return scanned && slots.values().stream().noneMatch(s -> s.state == State.RUNNING || s.state == State.BACKOFF);
    }

    /** Runner threads alive now. */
    public synchronized int running() {
        int n = 0;
        for (Slot s : slots.values()) {
            if (s.thread != null && s.thread.isAlive()) {
                n++;
            }
        }
        return n;
    }

    /** The runner threads (for measuring each deployment's CPU time), by deployment id; ended ones included. */
    public synchronized Map<String, Thread> threads() {
        Map<String, Thread> out = new LinkedHashMap<>();
        slots.forEach((id, s) -> {
            if (s.thread != null) {
                out.put(id, s.thread);
            }
        });
        return out;
    }

    /** Interrupts every runner and waits up to {@code waitMs} in all for them to end. */
    public void interruptAll(long waitMs) {
        Collection<Thread> threads;
        synchronized (this) {
            starting = false;
            threads = List.copyOf(threads().values());
        }
        long deadline = System.nanoTime() + waitMs * 1_000_000L; // a wait, not a time of day
        for (Thread t : threads) {
            // again and again: an HTTP call may swallow one interrupt (as an I/O error the runner retries)
            while (t.isAlive()) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                t.interrupt();
                try {
                    t.join(Math.min(left, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // asked twice: stop waiting
                }
            }
        }
        synchronized (this) {
            long now = clock.getAsLong();
            for (Slot s; (s = ended.poll()) != null; ) {
                reap(s, now); // the summary reads what they ended with
            }
        }
    }

    private void scan(long now) {
        List<LiveStore.Deployment> list;
        try {
            list = active.get();
        } catch (RuntimeException e) {
            say.accept("fleet: cannot read the deployments (" + e.getMessage() + "); the runners go on, next scan in "
                    + settings.rescanMs() / 1000 + "s");
            return;
        }
        for (LiveStore.Deployment d : list) {
            Slot s = slots.get(d.id());
            if (s == null) {
                s = new Slot(d);
                slots.put(d.id(), s);
                start(s, now);
            } else {
                s.d = d; // a re-confirmation or new capital reaches the next start
            }
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        list.forEach(d -> ids.add(d.id()));
        for (Slot s : slots.values()) {
            if (!ids.contains(s.d.id()) && s.state == State.BACKOFF) {
                s.state = State.ENDED; // stopped (or no longer runnable) while it waited: not started again
                s.last = "no longer active: not restarted";
                say.accept("fleet: " + s.d.id() + " " + s.last);
            }
        }
    }

    private void start(Slot s, long now) {
        s.state = State.RUNNING;
        s.starts++;
        s.startedMs = now;
        s.outcome = null;
        s.failure = null;
        LiveStore.Deployment d = s.d;
        Thread t = new Thread(() -> {
            try {
                s.outcome = launcher.run(d);
            } catch (Throwable e) { // isolation: whatever one runner throws ends that runner only
                s.failure = e;
            } finally {
                ended.add(s);
            }
        }, "run-" + d.id());
        t.setDaemon(false);
        s.thread = t;
        t.start();
    }

    private void reap(Slot s, long now) {
        if (s.state != State.RUNNING) {
            return;
        }
        // queued from the runner thread's last lines: its launcher has returned (the thread may still be exiting)
        Throwable f = s.failure;
        if (f instanceof VirtualMachineError vm) {
            say.accept("fleet: " + s.d.id() + ": " + vm + "; the process is no longer sound, every runner is stopped");
            interruptAll(10_000);
            throw vm;
        }
        if (f instanceof UserError u && u.kind() == UserError.Kind.REFUSED) {
            s.state = State.REFUSED;
            s.last = "refused: " + u.getMessage();
            say.accept("fleet: " + s.d.id() + " needs a person, not restarted: " + u.getMessage());
            return;
        }
        // "interrupted" is a failure unless the fleet itself is ending (it interrupted them)
        boolean failed = f != null || s.stalled || (s.outcome != null && (s.outcome.startsWith("halted")
                || (s.outcome.equals("interrupted") && starting)));
        if (!failed) {
            s.state = State.ENDED;
            s.failuresInARow = 0;
            s.last = "ended: " + s.outcome;
            return;
        }
        s.failures++;
        s.failuresInARow = now - s.startedMs > settings.maxBackoffMs() ? 1 : s.failuresInARow + 1;
        long backoff = settings.firstBackoffMs();
        for (int i = 1; i < s.failuresInARow && backoff < settings.maxBackoffMs(); i++) {
            backoff *= 2;
        }
        backoff = Math.min(backoff, settings.maxBackoffMs());
        s.restartAtMs = now + backoff;
        s.state = starting ? State.BACKOFF : State.ENDED;
        String why = s.stalled ? "stalled (no heartbeat for " + settings.stallMs() / 1000 + "s)"
                : f != null ? "crashed: " + f : "ended: " + s.outcome;
        s.stalled = false;
        s.last = why;
        say.accept("fleet: " + s.d.id() + " " + why + (starting ? "; restart in " + backoff / 1000 + "s" : ""));
    }

    private void checkBeat(Slot s, long now) {
        if (s.stalled || now - s.startedMs < settings.stallMs()) {
            return;
        }
        Long beat;
        try {
            beat = heartbeats.lastBeat(s.d.id());
        } catch (RuntimeException e) {
            return; // the store is busy: the next pass looks again
        }
        // a runner still starting has no beat of its own yet: count from its start
        long since = beat == null ? s.startedMs : Math.max(beat, s.startedMs);
        if (now - since < settings.stallMs()) {
            return;
        }
        s.stalled = true;
        say.accept("fleet: " + s.d.id() + " has not beaten for " + (now - since) / 1000 + "s: interrupting its runner");
        s.thread.interrupt();
    }

    /** The supervisor's record of one deployment (guarded by the fleet's monitor, except the runner's results). */
    private static final class Slot {
        LiveStore.Deployment d;
        State state = State.RUNNING;
        Thread thread;
        volatile String outcome;
        volatile Throwable failure;
        int starts;
        int failures;
        int failuresInARow;
        long startedMs;
        long restartAtMs;
        boolean stalled;
        String last = "";

        Slot(LiveStore.Deployment d) {
            this.d = d;
        }
    }
}
