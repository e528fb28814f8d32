package io.hypertrader.ops.fleet;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.live.feed.ForwardingMarketFeed;
import io.hypertrader.live.feed.MarketFeed;
import io.hypertrader.live.exchange.TransportException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * One market feed for every deployment of a process that trades on the same exchange URL
 * ({@code run --all}): one WebSocket instead of one per deployment (Hyperliquid allows 100 per
 * IP), and REST reads shared within a short freshness window instead of each deployment spending
 * the IP's weight budget (1200 per minute) on the same candles and mids. Market data is the same
 * for every account; fills and orders are not, and stay with each deployment's venue.
 *
 * <p>Each deployment reads through its own {@link #view()}: the views share the feed and its
 * caches, and each gets every notice (a switch to REST, a reconnect) for its own journal.
 * Closing a view closes nothing; {@link #close()} closes the feed.
 */
public final class SharedMarketFeed implements AutoCloseable {

    /** How long a REST answer serves other deployments, ms: well under a poll interval. */
    public static final long DEFAULT_FRESH_MS = 500;

    private final MarketFeed feed;
    private final LongSupplier clock;
    private final long freshMs;
    private final List<View> views = new ArrayList<>();
    private final Map<String, CandlesRead> candles = new HashMap<>();
    private Map<String, Double> mids;
    private long midsAt;
    private final Map<Coin, double[]> funding = new HashMap<>(); // coin -> {rate, readAt}
    private long candleReads;
    private long candleServed;

    /**
     * @param feed    the feed to share (closed by {@link #close()})
     * @param clock   UTC epoch ms, for the freshness window
     * @param freshMs how long a REST answer is served to other deployments
     */
    public SharedMarketFeed(MarketFeed feed, LongSupplier clock, long freshMs) {
        this.feed = Objects.requireNonNull(feed);
        this.clock = Objects.requireNonNull(clock);
        this.freshMs = freshMs;
    }

    /** A deployment's own view of the shared feed. */
    public synchronized MarketFeed view() {
        View v = new View(feed);
        views.add(v);
        return v;
    }

    /** Candle reads that reached the underlying feed, and reads served from a fresh one. */
    public synchronized long[] candleReads() {
        return new long[]{candleReads, candleServed};
    }

    @Override
    public void close() {
        feed.close();
    }

    private record CandlesRead(List<Candle> bars, int count, long atMs, long nowMs) {
    }

    private synchronized List<Candle> candles(Coin coin, Interval interval, int count, long nowMs) throws TransportException {
        String key = coin.name() + "/" + interval.code();
        CandlesRead r = candles.get(key);
        long now = clock.getAsLong();
        // a fresh read that reached at least as far back serves; one made before a bar closed would miss it
        if (r != null && r.count >= count && now - r.atMs < freshMs && sameBar(interval, r.nowMs, nowMs)) {
            candleServed++;
            return r.bars;
        }
        List<Candle> bars = List.copyOf(feed.recentCandles(coin, interval, count, nowMs));
        candleReads++;
        candles.put(key, new CandlesRead(bars, count, now, nowMs));
        return bars;
    }

    private static boolean sameBar(Interval interval, long aMs, long bMs) {
        long ms = interval.millis();
        return Math.floorDiv(aMs, ms) == Math.floorDiv(bMs, ms);
    }

    private synchronized Map<String, Double> mids() throws TransportException {
        long now = clock.getAsLong();
        if (feed.pushing() || mids == null || now - midsAt >= freshMs) {
            mids = feed.mids(); // pushed mids are already in memory: always the newest
            midsAt = now;
        }
        return mids;
    }

    private synchronized double fundingRate(Coin coin) throws TransportException {
        long now = clock.getAsLong();
        double[] f = funding.get(coin);
        if (f == null || now - (long) f[1] >= freshMs) {
            f = new double[]{feed.fundingRate(coin), now};
            funding.put(coin, f);
        }
        return f[0];
    }

    /** Hands the feed's new notices to every view (each journals them for its deployment). */
    private synchronized void fanOutNotices() {
        List<String> fresh = feed.notices();
        if (fresh.isEmpty()) {
            return;
        }
        for (View v : views) {
            v.notices.addAll(fresh);
        }
    }

    /** A deployment's view: its own notices; candles, mids and funding from the shared reads; the rest forwarded. */
    private final class View extends ForwardingMarketFeed {
        final ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();

        View(MarketFeed shared) {
            super(shared);
        }

        @Override
        public List<Candle> recentCandles(Coin coin, Interval interval, int count, long nowMs) throws TransportException {
            return candles(coin, interval, count, nowMs);
        }

        @Override
        public Map<String, Double> mids() throws TransportException {
            return SharedMarketFeed.this.mids();
        }

        @Override
        public List<String> notices() {
            fanOutNotices();
            List<String> out = new ArrayList<>();
            for (String n; (n = notices.poll()) != null; ) {
                out.add(n);
            }
            return out;
        }

        @Override
        public double fundingRate(Coin coin) throws TransportException {
            return SharedMarketFeed.this.fundingRate(coin);
        }

        @Override
        public void close() {
            // the fleet closes the shared feed once every deployment is done
        }
    }
}
