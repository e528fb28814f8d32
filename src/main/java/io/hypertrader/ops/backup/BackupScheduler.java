package io.hypertrader.ops.backup;

import io.hypertrader.core.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Daily backups while a runner runs: the runner's loop calls {@link #maybeBackup(Instant)} between
 * its units of work (when it does not hold the database). The first call of a UTC day without a
 * backup in the folder takes one: the export (the only part that holds the database) runs on the
 * caller's thread; hashing, the manifest, the rename and retention run on {@code background}, so
 * the loop is held only for the export. A failure is reported and retried an hour later, never
 * thrown into the loop. Several runners sharing a folder back up once a day between them (each
 * sees the others' backups).
 */
public final class BackupScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofHours(1);

    /** What one call did. */
    public enum Status { NOT_DUE, STARTED, BUSY, FAILED }

    /** A call's outcome; {@code detail} says which backup or what failed. */
    public record Tick(Status status, String detail) {
    }

    private final Path db;
    private final Path root;
    private final int keepDays;
    private final Executor background;
    private final BackupWriter.Access access;
    private final Consumer<String> report;
    private final AtomicBoolean sealing = new AtomicBoolean();
    private Instant retryAt = Instant.MIN;

    /**
     * @param background runs the sealing step (a runner passes a daemon thread; tests a direct executor)
     * @param report     one line per backup done or failed (the runner prints and journals it)
     */
    public BackupScheduler(Path db, Path root, int keepDays, Executor background, Duration lockWait, Consumer<String> report) {
        this(db, root, keepDays, background, BackupWriter.ownConnection(db, lockWait), report);
    }

    /**
     * The same, exporting through {@code access}: a process of runners passes its own way into the
     * database, so the export takes its turn with them (see {@code live.DbAccess}).
     */
    public BackupScheduler(Path db, Path root, int keepDays, Executor background, BackupWriter.Access access, Consumer<String> report) {
        this.db = db;
        this.root = root;
        this.keepDays = keepDays;
        this.background = background;
        this.access = access;
        this.report = report;
    }

    /** Takes today's backup if none exists yet. Cheap when not due: once today's exists, nothing is read until the next UTC midnight. */
    public Tick maybeBackup(Instant now) {
        if (sealing.get()) {
            return new Tick(Status.BUSY, "the previous backup is still being sealed");
        }
        if (now.isBefore(retryAt)) {
            return new Tick(Status.NOT_DUE, "retrying at " + retryAt);
        }
        var newest = Retention.newest(root);
        if (newest.isPresent() && !Retention.day(newest.get().created()).isBefore(Retention.day(now))) {
            // Today's is done: look again at the next UTC midnight.
            retryAt = Retention.day(now).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            return new Tick(Status.NOT_DUE, "today's backup is " + newest.get().dir().getFileName());
        }
        BackupWriter.Snapshot snap;
        try {
            snap = BackupWriter.snapshot(db, root, InstantSource.fixed(now), access);
        } catch (UserError e) {
            return failed(now, e.getMessage());
        }
        sealing.set(true);
        try {
            background.execute(() -> {
                try {
                    BackupWriter.BackupResult r = snap.seal();
                    var deleted = Retention.apply(root, keepDays, now);
                    report.accept("backup " + r.dir() + ": " + r.manifest().tables().size() + " tables, " + r.manifest().totalRows()
                            + " rows, database held " + r.lockHeldMs() + " ms" + (deleted.isEmpty() ? "" : "; retention removed "
                            + deleted.size() + " old backup(s)"));
                } catch (RuntimeException e) {
                    retryAt = now.plus(RETRY_AFTER_FAILURE);
                    report.accept("backup failed: " + e.getMessage() + "; next try at " + retryAt);
                    LOG.warn("backup failed: {}", e.getMessage());
                } finally {
                    sealing.set(false);
                }
            });
        } catch (RuntimeException e) {
            sealing.set(false);
            snap.discard();
            return failed(now, "cannot start sealing: " + e);
        }
        return new Tick(Status.STARTED, "snapshot of " + db + " taken in " + snap.lockHeldMs() + " ms");
    }

    private Tick failed(Instant now, String why) {
        retryAt = now.plus(RETRY_AFTER_FAILURE);
        report.accept("backup failed: " + why + "; next try at " + retryAt);
        return new Tick(Status.FAILED, why);
    }
}
