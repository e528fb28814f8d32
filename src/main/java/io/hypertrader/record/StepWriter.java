package io.hypertrader.record;

import io.hypertrader.core.Candle;
import io.hypertrader.core.UserError;
import io.hypertrader.data.AssetContext;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.FundingRate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The write half of a recorder step: one database session for what a step brought, the tracks
 * moved only after their rows committed. A failed write is never lost for good: candles and
 * funding are read over REST again (the cursors did not move), context samples stay pending.
 */
final class StepWriter {
    private final RecorderStore store;
    private final Recorder.Log log;
    private Long lastWriteMs;
    private long writes;

    StepWriter(RecorderStore store, Recorder.Log log) {
        this.store = Objects.requireNonNull(store);
        this.log = Objects.requireNonNull(log);
    }

    /** When the last session that wrote rows ran (recorder clock), null before any. */
    Long lastWriteMs() {
        return lastWriteMs;
    }

    /** Sessions that wrote rows. */
    long writes() {
        return writes;
    }

    /**
     * Writes, in one database session: REST candles (each series in one transaction with its
     * cursor), the stream's closed bars not confirmed meanwhile, funding, pending contexts, and the
     * status row (always when {@code withStatus}, else when anything was written). A database that
     * stays busy is reported: candles and funding are read again over REST, contexts stay pending.
     */
    void write(long now, List<RestReads.Candles> rest, List<RestReads.Funding> settlements, Map<CandleTrack, List<Candle>> closedOnStream,
               ArrayDeque<AssetContext> pendingContexts, RecorderStatus status, String note, boolean withStatus) {
        closedOnStream.values().removeIf(List::isEmpty);
        if (rest.isEmpty() && settlements.isEmpty() && closedOnStream.isEmpty() && pendingContexts.isEmpty() && !withStatus) {
            return;
        }
        List<String> problems = new ArrayList<>();
        try {
            store.session(() -> {
                boolean wrote = false;
                for (RestReads.Candles r : rest) {
                    wrote |= writeRest(r, now);
                }
                for (Map.Entry<CandleTrack, List<Candle>> e : closedOnStream.entrySet()) {
                    CandleTrack t = e.getKey();
                    // REST may have confirmed some of them since they were queued.
                    List<Candle> bars = e.getValue().stream().filter(b -> b.openTime() > t.coveredUpTo()).toList();
                    if (bars.isEmpty()) {
                        continue;
                    }
                    try {
                        store.writeProvisional(t.coin, t.interval, bars, t.verifiedUpTo);
                        t.storedUpTo = Math.max(t.storedUpTo, bars.getLast().openTime());
                        t.streamBars += bars.size();
                        wrote = true;
                    } catch (UserError | IllegalStateException ex) {
                        problems.add(t.key() + " bars from the stream not written (" + Recorder.message(ex) + "); they are read over REST instead");
                    }
                }
                closedOnStream.clear();
                for (RestReads.Funding f : settlements) {
                    wrote |= writeRest(f, now);
                }
                if (!pendingContexts.isEmpty()) {
                    List<AssetContext> batch = List.copyOf(pendingContexts);
                    store.writeContexts(batch);
                    pendingContexts.clear();
                    wrote = true;
                }
                if (wrote) {
                    writes++;
                    lastWriteMs = now;
                }
                if (status != null && (wrote || withStatus)) {
                    store.status(status.beat(now, lastWriteMs, note));
                }
            });
        } catch (RuntimeException e) {
            closedOnStream.clear();
            rest.forEach(r -> r.track().failed(now));
            settlements.forEach(f -> f.track().failed(now));
            problems.add("database busy or failing (" + Recorder.message(e) + "); " + pendingContexts.size()
                    + " context samples kept for the next try, candles and funding are read over REST again");
        }
        problems.forEach(p -> log.warn(Recorder.stamp(now) + " record: " + p));
    }

    /** One series' REST read: bars (exact values) and cursor in one transaction; the track follows. */
    private boolean writeRest(RestReads.Candles r, long now) {
        CandleTrack t = r.track();
        if (r.empty()) {
            if (r.error() == null) {
                t.forced = false; // nothing was due after all
            } else {
                log.warn(Recorder.stamp(now) + " record: " + t.key() + ": REST catch-up failed (" + r.error() + "); retrying in "
                        + Durations.format(t.failed(now)));
            }
            return false;
        }
        long before = t.coveredUpTo();
        try {
            CandleStore.UpsertResult res = store.writeVerified(t.coin, t.interval, r.bars(), r.readUpTo());
            if (!r.bars().isEmpty()) {
                t.storedUpTo = Math.max(t.storedUpTo, r.bars().getLast().openTime());
            }
            t.verifiedUpTo = Math.max(t.verifiedUpTo, r.readUpTo());
            t.restBarsNew += res.inserted();
            if (r.complete()) {
                t.succeeded();
            } else {
                log.warn(Recorder.stamp(now) + " record: " + t.key() + ": REST catch-up stopped at " + Recorder.time(r.readUpTo(), now) + " ("
                        + r.error() + "); retrying in " + Durations.format(t.failed(now)));
            }
            if (res.inserted() > 0) {
                log.info(Recorder.stamp(now) + " record: " + t.key() + ": " + res.inserted() + " bars read over REST after "
                        + (before == CandleTrack.NONE ? "an empty series" : Recorder.time(before, now)) + " (up to " + Recorder.time(r.readUpTo(), now) + ")");
            }
            return true;
        } catch (UserError | IllegalStateException e) {
            log.warn(Recorder.stamp(now) + " record: " + t.key() + ": bars read over REST not written (" + Recorder.message(e) + "); retrying in "
                    + Durations.format(t.failed(now)));
            return false;
        }
    }

    private boolean writeRest(RestReads.Funding f, long now) {
        FundingTrack t = f.track();
        try {
            if (!f.rates().isEmpty()) {
                t.rowsNew += store.writeFunding(t.coin, f.rates());
                t.lastTime = Math.max(t.lastTime, f.rates().stream().mapToLong(FundingRate::timeMs).max().orElseThrow());
            }
            if (f.error() == null) {
                t.succeeded(now);
            } else {
                log.warn(Recorder.stamp(now) + " record: " + t.coin + " funding read failed (" + f.error() + "); retrying in "
                        + Durations.format(t.failed(now)));
            }
            return !f.rates().isEmpty();
        } catch (UserError | IllegalStateException e) {
            log.warn(Recorder.stamp(now) + " record: " + t.coin + " funding not written (" + Recorder.message(e) + "); retrying in "
                    + Durations.format(t.failed(now)));
            return false;
        }
    }

}
