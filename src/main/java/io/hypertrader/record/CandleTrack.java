package io.hypertrader.record;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.data.IntervalGrid;
import io.hypertrader.data.MarketDataFetcher;
import io.hypertrader.live.exchange.WsCandle;

/**
 * What the recorder knows of one candle series (coin, interval) and when it must read REST.
 *
 * <p>Two cursors describe the store: {@link #storedUpTo} is the newest bar written, and
 * {@link #verifiedUpTo} the newest bar up to which every bar has been read from
 * {@code candleSnapshot} (the exchange's final values). Bars between them were written from the
 * stream's last update when the stream said they closed (a later bar opened) and are provisional
 * until a REST read confirms them; the verified cursor is persisted with every REST write, so a
 * recorder killed at any moment starts again from it.
 *
 * <p>REST is due when (see {@link #restDue}): the track is forced (start, reconnect, a hole seen on
 * the stream), a bar closed more than the grace ago and neither the stream nor REST brought it (a
 * dropped or silent stream, a quiet market, a sleeping machine), or the oldest provisional bar
 * closed more than {@code confirmAfter} ago. Failed reads back off (5 s doubling to 5 min).
 */
final class CandleTrack {
    static final long NONE = Long.MIN_VALUE;
    private static final long MAX_BACKOFF_MS = 5 * 60_000;

    final Coin coin;
    final Interval interval;
    /** Newest stored bar open, NONE when the series is empty. */
    long storedUpTo = NONE;
    /** Every bar opening at or before this was read from REST; NONE: the first (backfill) read is due. */
    long verifiedUpTo = NONE;
    /** The stream's newest bar on the current connection and its latest update. */
    private long formingOpen = NONE;
    private WsCandle forming;
    /** Read REST at the next chance (start, reconnect, a hole). */
    boolean forced = true;
    private int failures;
    private long retryAt = NONE;
    /** Counters for the status line. */
    long streamBars;
    long restBarsNew;
    long restReads;

    CandleTrack(Coin coin, Interval interval) {
        this.coin = coin;
        this.interval = interval;
    }

    String key() {
        return coin + " " + interval;
    }

    /** The newest bar known to the store: stored, or read over REST and found absent. */
    long coveredUpTo() {
        return Math.max(storedUpTo, verifiedUpTo);
    }

    /** Bars written from the stream and not yet confirmed over REST. */
    long provisionalBars() {
        if (storedUpTo == NONE || verifiedUpTo == NONE || storedUpTo <= verifiedUpTo) {
            return 0;
        }
        return IntervalGrid.barsBetween(interval, IntervalGrid.next(interval, verifiedUpTo), storedUpTo);
    }

    /** The newest bar whose close time is before {@code nowMs}. */
    long lastClosed(long nowMs) {
        return IntervalGrid.minus(interval, IntervalGrid.floor(interval, nowMs), 1);
    }

    /** The oldest bar the exchange still has at {@code nowMs} (it keeps 5000, the forming one included). */
    long windowStart(long nowMs) {
        return IntervalGrid.minus(interval, IntervalGrid.floor(interval, nowMs), MarketDataFetcher.EXCHANGE_WINDOW - 1);
    }

    /**
     * One update from the candle channel. Returns the bar it closed (the previous forming bar,
     * with the stream's last values) or null. An update of an older bar than the newest seen is
     * late and ignored; the first bar seen on a connection closes nothing.
     */
    Candle onStream(WsCandle c) {
        if (formingOpen != NONE && c.openTime() < formingOpen) {
            return null;
        }
        Candle closed = null;
        if (forming != null && c.openTime() > formingOpen) {
            closed = new Candle(forming.openTime(), forming.closeTime(), forming.open().doubleValue(), forming.high().doubleValue(),
                    forming.low().doubleValue(), forming.close().doubleValue(), forming.volume().doubleValue(), forming.trades());
        }
        formingOpen = c.openTime();
        forming = c;
        return closed;
    }

    /** A new connection: a bar seen before the gap is not known to have closed unchanged. */
    void resetStream() {
        forming = null;
    }

    /** True when the next step should read this series from REST. */
    boolean restDue(long nowMs, long closeGraceMs, long confirmAfterMs) {
        if (retryAt != NONE && nowMs < retryAt) {
            return false;
        }
        if (forced || verifiedUpTo == NONE) {
            return true;
        }
        long covered = coveredUpTo();
        if (covered < lastClosed(nowMs)) {
            long firstMissing = IntervalGrid.next(interval, covered);
            if (nowMs > IntervalGrid.closeTime(interval, firstMissing) + closeGraceMs) {
                return true;
            }
        }
        if (storedUpTo > verifiedUpTo) {
            long oldestProvisional = IntervalGrid.next(interval, verifiedUpTo);
            return nowMs > IntervalGrid.closeTime(interval, oldestProvisional) + confirmAfterMs;
        }
        return false;
    }

    void succeeded() {
        forced = false;
        failures = 0;
        retryAt = NONE;
        restReads++;
    }

    /** A failed REST read or write: try again after a backoff. Returns the delay. */
    long failed(long nowMs) {
        long delay = Math.min(MAX_BACKOFF_MS, 5_000L << Math.min(failures, 10));
        failures++;
        retryAt = nowMs + delay;
        return delay;
    }
}
