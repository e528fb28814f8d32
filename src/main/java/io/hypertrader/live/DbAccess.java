package io.hypertrader.live;

import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;

/**
 * How the live code reaches DuckDB without holding the file: DuckDB lets one process open a
 * file read-write, so a runner that kept it open would lock out {@code status} and {@code stop}
 * in another process. Each unit of work opens the file, runs in one transaction and closes it;
 * {@link #batch} keeps it open for a short group of writes (one bar, one poll). Opening retries
 * for a while when another process holds the lock (a {@code status} reading for a moment).
 *
 * <p>Not thread-safe; one instance per thread of work.
 */
public final class DbAccess {

    private final Path file;
    private final Database fixed;
    private final long lockWaitMs;
    private Database held;
    private int depth;

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
            db = openWithRetry();
            opened = true;
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
        db = openWithRetry();
        try {
            return work.apply(db);
        } finally {
            db.close();
        }
    }

    /** Keeps the file open while {@code work} runs (several transactions, one open). */
    public <T> T batch(java.util.function.Supplier<T> work) {
        if (fixed != null || held != null) {
            depth++;
            try {
                return work.get();
            } finally {
                depth--;
            }
        }
        held = openWithRetry();
        try {
            return work.get();
        } finally {
            Database h = held;
            held = null;
            h.close();
        }
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
