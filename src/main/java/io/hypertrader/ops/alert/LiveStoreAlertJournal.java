package io.hypertrader.ops.alert;

import io.hypertrader.core.UserError;
import io.hypertrader.live.DbAccess;
import io.hypertrader.live.LiveStore;

import java.nio.file.Path;

/**
 * Journals deliveries to DuckDB's {@code live_journal} as kind {@value #KIND}, one line per
 * attempt or result, under the event's deployment ({@code *} for events of every deployment):
 * {@code event_ms} is the event's time, {@code wall_ms} the delivery's, {@code coin} the channel
 * name, {@code detail} {@link AlertJournal.Delivery#describe()}. Existing kinds are untouched.
 *
 * <p>It owns its {@link DbAccess} (one per thread of work): the dispatcher calls it only on its
 * journal lane. A runner appending to the same deployment at the same moment can make a commit
 * conflict on the journal's sequence number; the append is then retried a few times.
 */
public final class LiveStoreAlertJournal implements AlertJournal {

    public static final String KIND = "alert";

    private final LiveStore store;

    public LiveStoreAlertJournal(LiveStore store) {
        this.store = store;
    }

    /** A journal with its own access to the database file (opened per record, like the runners do). */
    public static LiveStoreAlertJournal forDatabase(Path db) {
        return new LiveStoreAlertJournal(new LiveStore(DbAccess.file(db)));
    }

    @Override
    public void record(Delivery d) {
        LiveStore.Entry entry = LiveStore.Entry.of(d.timeMs(), d.event().timeMs(), KIND, null, null, d.channel(), null, null, null,
                d.describe());
        UserError last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                store.append(d.event().deploymentId(), entry);
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
