package io.hypertrader.ops.alert;

import io.hypertrader.core.UserError;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Journals deliveries to DuckDB's {@code live_journal} as kind {@value #KIND}, one line per
 * attempt or result, under the event's deployment ({@code *} for events of every deployment):
 * {@code event_ms} is the event's time, {@code wall_ms} the delivery's, {@code coin} the channel
 * name, {@code detail} {@link AlertJournal.Delivery#describe()}. Existing kinds are untouched.
 *
 * <p>Two modes, because a deployment's journal numbers its lines with {@code max(seq) + 1}: two
 * threads of one process appending to the same deployment at once make one commit fail.
 * <ul>
 *   <li>{@link #deferred}: for a runner. {@link #record} only queues (bounded, never blocks);
 *       the runner calls {@link #flush()} from its own loop, between its own writes, so the
 *       runner's journal is never contended.</li>
 *   <li>{@link #direct}: for a process with no runner of the deployment (the CLI's stop and
 *       {@code alerts test}, the web server): each record is appended at once on the dispatcher's
 *       journal lane, retried a few times if a commit conflicts.</li>
 * </ul>
 */
public final class LiveStoreAlertJournal implements AlertJournal {

    public static final String KIND = "alert";
    private static final Logger LOG = LoggerFactory.getLogger(LiveStoreAlertJournal.class);

    private final LiveStore store;
    private final BlockingQueue<Delivery> queue; // null = direct

    private LiveStoreAlertJournal(LiveStore store, BlockingQueue<Delivery> queue) {
        this.store = store;
        this.queue = queue;
    }

    /** Appends on {@link #record}, i.e. on the dispatcher's journal lane. {@code store} must be used by that lane only. */
    public static LiveStoreAlertJournal direct(LiveStore store) {
        return new LiveStoreAlertJournal(store, null);
    }

    /** Direct mode with its own access to the database file (opened per record, like every command). */
    public static LiveStoreAlertJournal direct(Path db) {
        return direct(new LiveStore(DbAccess.file(db)));
    }

    /**
     * Queues up to {@code capacity} records for {@link #flush()} (more are logged and dropped: a
     * runner that stopped flushing has bigger problems). {@code store} is the runner's own.
     */
    public static LiveStoreAlertJournal deferred(LiveStore store, int capacity) {
        return new LiveStoreAlertJournal(store, new ArrayBlockingQueue<>(capacity));
    }

    @Override
    public void record(Delivery d) {
        if (queue == null) {
            appendWithRetry(d);
        } else if (!queue.offer(d)) {
            LOG.warn("alert journal queue full; not journaled: {}", d.describe());
        }
    }

    /** Deferred mode: appends every queued record in order on the calling thread; returns how many. */
    public int flush() {
        if (queue == null) {
            return 0;
        }
        List<Delivery> batch = new ArrayList<>();
        queue.drainTo(batch);
        if (!batch.isEmpty()) {
            store.db().batch(() -> batch.forEach(this::append));
        }
        return batch.size();
    }

    /** Records waiting for {@link #flush()}. */
    public int queued() {
        return queue == null ? 0 : queue.size();
    }

    private void append(Delivery d) {
        store.append(d.event().deploymentId(), LiveStore.Entry.of(d.timeMs(), d.event().timeMs(), KIND, null, null, d.channel(),
                null, null, null, d.describe()));
    }

    private void appendWithRetry(Delivery d) {
        UserError last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                append(d);
                return;
            } catch (UserError e) {
                last = e;
                try {
                    Thread.sleep(20L << attempt); // on the journal lane only
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }
}
