package io.hypertrader.live.store;

import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;

/**
 * How the live code reaches DuckDB without holding the file: DuckDB lets one process open a
 * file read-write, so a runner that kept it open would lock out {@code status} and {@code stop}
 * in another process. Each unit of work opens the file, runs in one transaction and closes it;
 * {@link #batch} keeps it open for a short group of writes (one bar, one poll), from its first
 * use on. Opening retries for a while when another process holds the lock (a {@code status}
 * reading for a moment).
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
                db.close();
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
                db.close();
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
                h.close();
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
        long deadline = System.nanoTime() + lockWaitMs * 1_000_000L; // a wait, not a time of day: monotonic
        long sleep = 10;
        while (true) {
            try {
                return Database.open(file);
            } catch (UserError e) {
                boolean locked = e.kind() == UserError.Kind.FAILURE && String.valueOf(e.getMessage()).contains("in use");
                if (!locked || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                sleep = Math.min(200, sleep * 2);
            }
        }
    }

    private String describe() {
        return file == null ? "(open)" : file.toString();
    }
}
