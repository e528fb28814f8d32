package io.hypertrader.record;

import io.hypertrader.core.Candle;
import io.hypertrader.data.AssetContext;
import io.hypertrader.data.FundingRate;
import io.hypertrader.data.HyperliquidInfoClient;
import io.hypertrader.data.HyperliquidWire;
import io.hypertrader.data.IntervalGrid;
import io.hypertrader.data.MarketDataFetcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The recorder's REST reads ({@code candleSnapshot}, {@code fundingHistory},
 * {@code metaAndAssetCtxs}). Nothing is written here, and the database is never open while the
 * exchange is asked: results go to the step's write session. What arrived before a failure is
 * kept (and written), so a long backfill cut short resumes where it stopped.
 */
final class RestReads {

    /** Candles read for one series: the bars (closed only, final values) and how far the read covered. */
    record Candles(CandleTrack track, List<Candle> bars, long readUpTo, boolean complete, String error) {
        /** Nothing read, nothing to write. */
        boolean empty() {
            return readUpTo == Long.MIN_VALUE;
        }
    }

    /** Funding settlements read for one perp. */
    record Funding(FundingTrack track, List<FundingRate> rates, String error) {
    }

    private final HyperliquidInfoClient rest;
    private final Recorder.Log log;
    /** True while a request is in flight (a shutdown may interrupt it then). */
    private volatile boolean active;
    private long reads;

    RestReads(HyperliquidInfoClient rest, Recorder.Log log) {
        this.rest = Objects.requireNonNull(rest);
        this.log = Objects.requireNonNull(log);
    }

    boolean active() {
        return active;
    }

    /** Reads made so far (a paginated read counts once). */
    long reads() {
        return reads;
    }

    /**
     * The series' bars from {@code from} to the last bar closed at {@code now}. Bars the exchange
     * does not return (no trades, an outage) stay absent: the read covered them all the same.
     */
    Candles candles(CandleTrack t, long from, long now, boolean stopping) {
        long last = t.lastClosed(now);
        long window = t.windowStart(now);
        if (from < window) {
            long lost = IntervalGrid.barsBetween(t.interval, from, IntervalGrid.minus(t.interval, window, 1));
            log.warn(Recorder.stamp(now) + " record: " + t.key() + ": " + lost + " bars from " + Recorder.stamp(from)
                    + " on are older than the exchange's " + MarketDataFetcher.EXCHANGE_WINDOW
                    + "-bar window and cannot be read any more (a gap; import them from a file if you have them)");
            from = window;
        }
        if (from > last) {
            return new Candles(t, List.of(), Long.MIN_VALUE, true, null);
        }
        List<Candle> bars = new ArrayList<>();
        long[] readUpTo = {Long.MIN_VALUE};
        long lo = from;
        try {
            active = true;
            reads++;
            rest.candles(t.coin, t.interval, lo, IntervalGrid.closeTime(t.interval, last), page -> {
                for (HyperliquidWire.WireCandle w : page) {
                    if (w.closeT() < now && w.t() >= lo && w.t() <= last) {
                        bars.add(w.toCandle());
                        readUpTo[0] = Math.max(readUpTo[0], w.t());
                    }
                }
            });
            return new Candles(t, bars, last, true, null);
        } catch (RuntimeException e) {
            return new Candles(t, bars, readUpTo[0], false, stopping ? "stopping" : Recorder.message(e));
        } finally {
            active = false;
        }
    }

    /** The perp's settlements after the last stored one, up to {@code now}. */
    Funding funding(FundingTrack f, long now, boolean stopping) {
        List<FundingRate> rates = new ArrayList<>();
        try {
            active = true;
            reads++;
            long from = f.from();
            if (from <= now) {
                rest.funding(f.coin, from, now, rates::addAll);
            }
            return new Funding(f, rates, null);
        } catch (RuntimeException e) {
            return new Funding(f, rates, stopping ? "stopping" : Recorder.message(e));
        } finally {
            active = false;
        }
    }

    /** Every perp's current context, stamped {@code now}; empty (and reported) when the read fails. */
    List<AssetContext> contexts(long now, boolean stopping) {
        try {
            active = true;
            reads++;
            return rest.assetContexts(now);
        } catch (RuntimeException e) {
            if (!stopping) {
                log.warn(Recorder.stamp(now) + " record: asset contexts read failed (" + Recorder.message(e)
                        + "); this slot stays empty unless the stream fills it");
            }
            return List.of();
        } finally {
            active = false;
        }
    }
}
