package io.hypertrader.live.store;

import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the live code reaches DuckDB without holding the file: DuckDB lets one process open a
 * file read-write, so a runner that kept it open would lock out {@code status} and {@code stop}
 * in another process. Each unit of work opens the file, runs in one transaction and closes it;
 * {@link #batch} keeps it open for a short group of writes (one bar, one poll), from its first
 * use on. Opening retries for a while when another process holds the lock (a {@code status}
 * reading for a moment). Threads of one process share the open file and take turns with other
 * processes through the file's {@link Door}.
 *
 * <p>Not thread-safe; one instance per thread of work.
 */
public final class DbAccess {

    private final Path file;
    private final Database fixed;
    private final long lockWaitMs;
    private Database held;
    /** Inside {@link #batch}: the first open keeps the file until the batch ends. */
    private boolean batching;

    private DbAccess(Path file, Database fixed, long lockWaitMs) {
        this.file = file;
        this.fixed = fixed;
        this.lockWaitMs = lockWaitMs;
    }

    /** Opens {@code file} per unit of work, waiting up to 20 s for another process's lock. */
    public static DbAccess file(Path file) {
        return new DbAccess(Objects.requireNonNull(file), null, 20_000);
    }

    /** Uses an already open database (tests, in-memory). */
    public static DbAccess of(Database db) {
        return new DbAccess(null, Objects.requireNonNull(db), 0);
    }

    /** The file, or null for a held database. */
    public Path file() {
        return file;
    }

    /** Runs {@code work} in one transaction. */
    public <T> T tx(Database.SqlWork<T> work) {
        Database db = fixed != null ? fixed : held;
        boolean opened = false;
        if (db == null) {
            db = openForUse();
            opened = !batching;
        }
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "database " + describe() + ": " + e.getMessage(), e);
        } finally {
            if (opened) {
                closeOpened(db);
            }
        }
    }

    /**
     * Runs {@code work} on the open database: the file is opened for it (and closed after) unless
     * a {@link #batch} holds it. For stores that run their own transactions ({@code CandleStore}).
     */
    public <T> T use(java.util.function.Function<Database, T> work) {
        Database db = fixed != null ? fixed : held;
        if (db != null) {
            return work.apply(db);
        }
        db = openForUse();
        try {
            return work.apply(db);
        } finally {
            if (!batching) {
                closeOpened(db);
            }
        }
    }

    /**
     * Keeps the file open from the first unit of work inside {@code work} to its end (several
     * transactions, one open). A batch that writes nothing never opens the file: a runner acting
     * on a pushed price that changes nothing costs no open.
     */
    public <T> T batch(java.util.function.Supplier<T> work) {
        if (fixed != null || batching) {
            return work.get();
        }
        batching = true;
        try {
            return work.get();
        } finally {
            batching = false;
            Database h = held;
            held = null;
            if (h != null) {
                closeOpened(h);
            }
        }
    }

    /**
     * Runs {@code work} as one transaction on one open: every store call inside it joins, so a
     * process killed part-way leaves all of it or none. For writes that only mean something
     * together (a fill row, its order's status and its journal line: a restart that found the
     * fill but not its journal line would never hand it to the strategy).
     */
    public void atomic(Runnable work) {
        batch(() -> tx(c -> {
            work.run();
            return null;
        }));
    }

    /** Opens the file; inside a batch it stays open (held) until the batch ends. */
    private Database openForUse() {
        Database db = openWithRetry();
        if (batching) {
            held = db;
        }
        return db;
    }

    public void batch(Runnable work) {
        batch(() -> {
            work.run();
            return null;
        });
    }

    private Database openWithRetry() {
        return Door.of(file).enter(this::openLocked);
    }

    /** Closes a database this access opened from its file, through the file's door. */
    private void closeOpened(Database db) {
        Door.of(file).leave(db);
    }

    /**
     * Opens the file, waiting up to the lock wait for another process to let go. The wait is not
     * cut short by an interrupt: a runner interrupted to end (SIGTERM to {@code run --all}) still
     * has its clean end to write; the interrupt is kept for the caller.
     */
    private Database openLocked() {
        long deadline = System.nanoTime() + lockWaitMs * 1_000_000L; // a wait, not a time of day: monotonic
        long sleep = 10;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return Database.open(file);
                } catch (UserError e) {
                    String msg = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
                    // another process's lock, or another connection of this process closing the file this instant
                    boolean locked = e.kind() == UserError.Kind.FAILURE && (msg.contains("in use") || msg.contains("already attached"));
                    if (!locked || System.nanoTime() - deadline >= 0) {
                        throw e;
                    }
                    long until = System.nanoTime() + sleep * 1_000_000L;
                    for (long left = sleep; left > 0; left = (until - System.nanoTime()) / 1_000_000L) {
                        try {
                            Thread.sleep(left);
                        } catch (InterruptedException ie) {
                            interrupted = true;
                        }
                    }
                    sleep = Math.min(200, sleep * 2);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The JVM's way into one database file when several threads work on it (many deployments in
     * one process: {@code run --all}). The first unit to enter opens the file (the anchor); units
     * that enter while it is open get a duplicate connection to it (DuckDB allows one instance per
     * file and process: opening it again while it closes fails with "already attached"); the last
     * to leave closes it, and the file is free for other processes. Threads taking turns could
     * keep it open for good and lock {@code status} and {@code stop} of other processes out, so
     * once the file has been open without a break for {@link #MAX_HOLD_NANOS}, newcomers wait for
     * the units inside to finish, the file closes, and stays closed for {@link #GAP_NANOS} (longer
     * than another process's longest wait between two tries, 200 ms) before they go on. A single
     * runner (one unit at a time) never waits at the door.
     */
    static final class Door {
        static final long MAX_HOLD_NANOS = 1_000_000_000L;
        static final long GAP_NANOS = 300_000_000L;
        private static final java.util.concurrent.ConcurrentHashMap<Path, Door> DOORS = new java.util.concurrent.ConcurrentHashMap<>();

        private Database anchor;
        private int inside;
        /** Connections held per thread: a thread inside may enter again (nested units) without waiting. */
        private final Map<Thread, Integer> holders = new HashMap<>();
        private long openSince;
        private boolean closing;
        private long reopenAt;
        private boolean gap;
        private long forcedCloses;

        static Door of(Path file) {
            return DOORS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Door());
        }

        /**
         * Waits for its turn and returns a connection of its own. Not interruptible: the waits are
         * short (units inside finishing, a 300 ms gap), and a runner interrupted to end still
         * writes its clean end; the interrupt is kept for the caller.
         *
         * @param opener opens the file (waiting for another process's lock) when nobody here has it open
         */
        synchronized Database enter(java.util.function.Supplier<Database> opener) {
            boolean interrupted = false;
            try {
                while (true) {
                    long now = System.nanoTime(); // a wait, not a time of day: monotonic
                    // a thread already inside (a store call within another store's unit) never waits for itself
                    boolean holding = holders.containsKey(Thread.currentThread());
                    try {
                        if (closing && !holding) {
                            wait(); // the units inside finish, then the gap begins
                            continue;
                        } else if (inside == 0 && gap && now - reopenAt < 0) {
                            wait(Math.max(1, (reopenAt - now) / 1_000_000L));
                            continue;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                        continue;
                    }
                    if (inside > 0 && !holding && now - openSince >= MAX_HOLD_NANOS) {
                        closing = true;
                        continue;
                    }
                    if (inside == 0) {
                        anchor = opener.get();
                        openSince = System.nanoTime();
                        gap = false;
                    }
                    Database own;
                    try {
                        own = anchor.duplicate();
                    } catch (RuntimeException e) {
                        if (inside == 0) {
                            closeAnchor();
                        }
                        throw e;
                    }
                    inside++;
                    holders.merge(Thread.currentThread(), 1, Integer::sum);
                    return own;
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Closes a connection {@link #enter} gave; the last one out closes the file. */
        synchronized void leave(Database own) {
            try {
                own.close();
            } finally {
                inside--;
                holders.computeIfPresent(Thread.currentThread(), (t, n) -> n == 1 ? null : n - 1);
                if (inside == 0) {
                    try {
                        closeAnchor();
                    } finally {
                        if (closing) {
                            closing = false;
                            gap = true;
                            reopenAt = System.nanoTime() + GAP_NANOS;
                            forcedCloses++;
                        }
                        notifyAll();
                    }
                }
            }
        }

        private void closeAnchor() {
            Database a = anchor;
            anchor = null;
            if (a != null) {
                a.close();
            }
        }

        /** How often the file was closed to let other processes in (for tests and the soak's figures). */
        synchronized long forcedCloses() {
            return forcedCloses;
        }
    }

    /** How often this JVM closed {@code file} for other processes because its threads kept it open. */
    public static long forcedCloses(Path file) {
        return Door.of(file).forcedCloses();
    }

    private String describe() {
        return file == null ? "(open)" : file.toString();
    }
}
