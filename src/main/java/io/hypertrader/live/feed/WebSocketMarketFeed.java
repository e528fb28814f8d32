package io.hypertrader.live.feed;

import io.hypertrader.data.AssetContext;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.exchange.WsCandle;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * {@link MarketFeed} on the Hyperliquid WebSocket ({@code allMids}, {@code candle}), with REST
 * polling ({@link RestMarketFeed}) as the fallback while the socket is down, stale or has not
 * delivered yet. Every switch between the two is logged and queued in {@link #notices()} for the
 * runner's journal.
 *
 * <p><b>Mids</b> come from the latest allMids push while the socket is healthy: connected, a
 * message (pongs included) within {@code staleAfter}, and an allMids received on the current
 * connection. Otherwise one REST allMids per call.
 *
 * <p><b>Candles.</b> The candle channel repeats the forming bar as it changes; the first message
 * with a new open time {@code t} means the previous bar closed (Hyperliquid's own rule). The feed
 * answers {@link #recentCandles} without any request while no bar has closed since the last
 * answer (the wall clock says so), so a runner that asks on every loop reads each closed bar once.
 * When the stream reports a close, the feed confirms it with one {@code candleSnapshot} (the last
 * pushed update of a bar may miss trades that were conflated away; the snapshot is exact), or,
 * with {@code confirmClosedBars = false}, serves the stream's last update of that bar merged into
 * the last snapshot. If the wall clock says a bar closed but the stream has not said so within
 * {@code closeGraceMs} (a quiet market: the next bar's first update comes with its first trade),
 * or the feed is more than one bar behind, or more history is asked for than it holds, it reads
 * the snapshot anyway. History (warm-up) always comes from REST.
 *
 * <p>Thread-safety: WebSocket callbacks arrive on okhttp's threads; the MarketFeed methods are
 * called from the runner's thread. State is guarded by this object's monitor.
 *
 * <p><b>One file (about 450 lines).</b> The switch between the socket and REST and the candle series
 * both read the same health state under one monitor.
 */
public final class WebSocketMarketFeed implements MarketFeed {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketMarketFeed.class);
    private static final int MAX_STREAM_BARS = 5_000;

    /**
     * Feed settings.
     *
     * @param closeGraceMs      how long after a bar's close (wall clock) to wait for the stream's
     *                          close signal before reading candleSnapshot anyway, ms
     * @param confirmClosedBars confirm every closed bar with one candleSnapshot (exact) instead of
     *                          serving the stream's last update
     */
    public record Settings(long closeGraceMs, boolean confirmClosedBars) {
        /** 5 s grace, closed bars confirmed by REST. */
        public static final Settings DEFAULTS = new Settings(5_000, true);

        public Settings {
            if (closeGraceMs < 0) {
                throw new IllegalArgumentException("closeGraceMs must be >= 0");
            }
        }
    }

    /** Where the data currently comes from. */
    public enum Source { WEBSOCKET, REST }

    private final MarketFeed rest;
    private final LongSupplier clock;
    private final Settings settings;
    private final long staleAfterMs;
    private final HyperliquidWebSocket ws;
    private final ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();
    private final Map<String, Series> series = new HashMap<>();
    private final Map<String, Double> mids = new LinkedHashMap<>();
    private boolean midsOnThisConnection;
    private long midsVersion;
    private long midsArrivedNanos;
    private Source source = Source.REST;
    private String downReason = "websocket not connected yet";
    private long downSince;
    private int restMidCalls;
    private int restCandleCalls;

    /** Per (coin, interval): what the stream said and what was last served. */
    private static final class Series {
        final String coin;
        final Interval interval;
        /** Open time of the newest bar seen on the stream (forming), and its latest update. */
        long formingOpen = Long.MIN_VALUE;
        WsCandle forming;
        /** Open time of the newest bar the stream saw close (a later t arrived). */
        long streamClosedUpTo = Long.MIN_VALUE;
        /** The stream's last update of each bar it saw close. */
        final NavigableMap<Long, Candle> streamClosed = new TreeMap<>();
        /** The last answer, and the newest closed bar in it. */
        List<Candle> served = List.of();
        long servedUpTo = Long.MIN_VALUE;
        int servedCount;

        Series(String coin, Interval interval) {
            this.coin = coin;
            this.interval = interval;
        }
    }

    /** Coins whose book and asset context are followed, their latest pushed best bid/offer and context. */
    private final java.util.Set<String> watched = new java.util.HashSet<>();
    private final Map<String, double[]> bbo = new java.util.HashMap<>();
    private final Map<String, AssetContext> contexts = new java.util.HashMap<>();

    /**
     * Creates the feed and connects its socket.
     *
     * @param http     okhttp client for the socket (read timeout 0: the feed's own stale check governs)
     * @param wsUrl    e.g. {@code wss://api.hyperliquid.xyz/ws}
     * @param rest     the fallback (and source of history and confirmations)
     * @param clock    wall clock, epoch ms (also the socket's clock for staleness)
     */
    public WebSocketMarketFeed(OkHttpClient http, String wsUrl, HyperliquidWebSocket.Settings wsSettings, MarketFeed rest,
                               LongSupplier clock, Settings settings) {
        this.rest = Objects.requireNonNull(rest);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.staleAfterMs = wsSettings.staleAfter().toMillis();
        this.downSince = clock.getAsLong();
        this.ws = new HyperliquidWebSocket(http, wsUrl, wsSettings, new Listener(), clock);
        ws.subscribeAllMids();
        ws.start();
    }

    // ------------------------------------------------------------------ MarketFeed

    @Override
    public synchronized boolean pushing() {
        return evaluate() == Source.WEBSOCKET && midsOnThisConnection;
    }

    @Override
    public synchronized long midsVersion() {
        return midsVersion;
    }

    @Override
    public synchronized long awaitMids(long seen, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (midsVersion == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            // timed waits use the monotonic clock, not the runner's: a wake-up cadence, never a time stamp
            wait(Math.max(1, left / 1_000_000L));
        }
        return midsVersion;
    }

    /** When the newest mids push arrived, {@link System#nanoTime()} (the start of the push-to-order latency). */
    @Override
    public synchronized long midsArrivedNanos() {
        return midsArrivedNanos;
    }

    @Override
    public synchronized void watchBookAndContext(Coin coin) {
        if (watched.add(coin.name())) {
            ws.subscribeBbo(coin.name());
            ws.subscribeActiveAssetCtx(coin.name());
        }
    }

    /** The pushed best bid and offer while the socket is healthy; null otherwise (the profile's spread stands). */
    @Override
    public synchronized double[] bestBidAsk(Coin coin) {
        double[] q = bbo.get(coin.name());
        return q == null || evaluate() != Source.WEBSOCKET ? null : q.clone();
    }

    /**
     * The rate of the coin's latest pushed asset context when one arrived within the last two
     * minutes on a healthy socket; else one REST read ({@code metaAndAssetCtxs}).
     */
    @Override
    public double fundingRate(Coin coin) throws TransportException {
        synchronized (this) {
            AssetContext c = contexts.get(coin.name());
            if (c != null && evaluate() == Source.WEBSOCKET && clock.getAsLong() - c.sampledAtMs() <= 120_000) {
                return c.fundingRate();
            }
        }
        return rest.fundingRate(coin);
    }

    @Override
    public Map<String, Double> mids() throws TransportException {
        synchronized (this) {
            if (evaluate() == Source.WEBSOCKET && !mids.isEmpty()) {
                return new LinkedHashMap<>(mids);
            }
        }
        Map<String, Double> m = rest.mids();
        synchronized (this) {
            restMidCalls++;
        }
        return m;
    }

    @Override
    public List<Candle> recentCandles(Coin coin, Interval interval, int count, long nowMs) throws TransportException {
        Series s;
        boolean healthy;
        boolean fetch;
        synchronized (this) {
            s = series.computeIfAbsent(coin.name() + "/" + interval.code(), k -> {
                ws.subscribeCandle(coin.name(), interval.code());
                return new Series(coin.name(), interval);
            });
            healthy = evaluate() == Source.WEBSOCKET;
            long iv = interval.millis();
            long lastClosedByClock = Math.floorDiv(nowMs, iv) * iv - iv; // newest bar with close time < now
            if (!healthy || s.served.isEmpty() || count > s.servedCount) {
                fetch = true;
            } else if (s.servedUpTo >= lastClosedByClock) {
                return s.served; // nothing closed since the last answer: no request
            } else if (s.streamClosedUpTo >= lastClosedByClock) {
                if (!settings.confirmClosedBars() && streamHasEvery(s, lastClosedByClock)) {
                    return mergeStream(s, nowMs);
                }
                fetch = true; // the stream says it closed: confirm once (or fill the stream's gap)
            } else {
                // the clock says a bar closed but the stream has not (yet): wait the grace, unless far behind
                fetch = s.servedUpTo < lastClosedByClock - iv || nowMs >= lastClosedByClock + iv + settings.closeGraceMs();
            }
        }
        if (!fetch) {
            return List.of();
        }
        List<Candle> got = rest.recentCandles(coin, interval, count, nowMs);
        synchronized (this) {
            restCandleCalls++;
            s.served = List.copyOf(got);
            s.servedCount = Math.max(s.servedCount, count);
            for (Candle c : got) {
                if (c.closeTime() < nowMs) {
                    s.servedUpTo = Math.max(s.servedUpTo, c.openTime());
                }
            }
        }
        return got;
    }

    /** True when the stream saw the last update of every bar after the last answer up to {@code upTo}. */
    private static boolean streamHasEvery(Series s, long upTo) {
        long iv = s.interval.millis();
        for (long open = s.servedUpTo + iv; open <= upTo; open += iv) {
            if (!s.streamClosed.containsKey(open)) {
                return false;
            }
        }
        return true;
    }

    /** The last snapshot with the stream's closed bars laid over it (confirmClosedBars = false). */
    private List<Candle> mergeStream(Series s, long nowMs) {
        TreeMap<Long, Candle> byOpen = new TreeMap<>();
        s.served.forEach(c -> byOpen.put(c.openTime(), c));
        s.streamClosed.tailMap(s.servedUpTo, false).forEach(byOpen::put);
        List<Candle> out = new ArrayList<>(byOpen.values());
        s.served = List.copyOf(out);
        for (Candle c : out) {
            if (c.closeTime() < nowMs) {
                s.servedUpTo = Math.max(s.servedUpTo, c.openTime());
            }
        }
        return out;
    }

    @Override
    public List<String> notices() {
        synchronized (this) {
            evaluate();
        }
        List<String> out = new ArrayList<>();
        for (String n; (n = notices.poll()) != null; ) {
            out.add(n);
        }
        return out;
    }

    @Override
    public void close() {
        ws.close();
    }

    // ------------------------------------------------------------------ views (tests, status)

    public synchronized Source source() {
        return evaluate();
    }

    /** REST allMids calls made so far (fallbacks). */
    public synchronized int restMidCalls() {
        return restMidCalls;
    }

    /** REST candleSnapshot calls made so far (history, confirmations, fallbacks). */
    public synchronized int restCandleCalls() {
        return restCandleCalls;
    }

    public HyperliquidWebSocket socket() {
        return ws;
    }

    // ------------------------------------------------------------------ health

    /** Recomputes the source; reports a switch. Caller holds the monitor. */
    private Source evaluate() {
        long now = clock.getAsLong();
        boolean healthy = ws.isConnected() && midsOnThisConnection && now - ws.lastMessageAt() < staleAfterMs;
        if (!healthy && source == Source.WEBSOCKET) {
            String why = !ws.isConnected() ? "disconnected" : now - ws.lastMessageAt() >= staleAfterMs
                    ? "stale (silent " + (now - ws.lastMessageAt()) + " ms)" : "no data yet";
            down(why);
        } else if (healthy && source == Source.REST) {
            source = Source.WEBSOCKET;
            notice("market data on the websocket (mids pushed, bar closes from the candle channel) after "
                    + (now - downSince) + " ms on REST (" + downReason + ")");
        }
        return source;
    }

    private void down(String why) {
        if (source == Source.WEBSOCKET) {
            source = Source.REST;
            downSince = clock.getAsLong();
            downReason = why;
            notice("market data websocket " + why + ": polling REST until it recovers");
        }
    }

    private void notice(String text) {
        LOG.info(text);
        notices.add(text);
    }

    private final class Listener implements HyperliquidWebSocket.Listener {
        @Override
        public void onBbo(String coin, double bid, double ask) {
            synchronized (WebSocketMarketFeed.this) {
                bbo.put(coin, new double[]{bid, ask});
            }
        }

        @Override
        public void onAssetContext(AssetContext ctx) {
            synchronized (WebSocketMarketFeed.this) {
                contexts.put(ctx.coin().name(), ctx);
            }
        }

        @Override
        public void onAllMids(Map<String, BigDecimal> m) {
            synchronized (WebSocketMarketFeed.this) {
                m.forEach((k, v) -> mids.put(k, v.doubleValue()));
                midsOnThisConnection = true;
                midsVersion++;
                midsArrivedNanos = System.nanoTime();
                evaluate();
                WebSocketMarketFeed.this.notifyAll(); // a runner waiting in awaitMids acts on this push now
            }
        }

        @Override
        public void onCandle(WsCandle c) {
            synchronized (WebSocketMarketFeed.this) {
                Interval iv;
                try {
                    iv = Interval.parse(c.interval());
                } catch (RuntimeException e) {
                    return;
                }
                Series s = series.get(c.coin() + "/" + iv.code());
                if (s == null || c.openTime() < s.formingOpen) {
                    return; // not asked for, or a late update of an older bar
                }
                // a bar opening at t means every bar before it has closed
                s.streamClosedUpTo = Math.max(s.streamClosedUpTo, c.openTime() - iv.millis());
                if (c.openTime() > s.formingOpen && s.forming != null) {
                    WsCandle done = s.forming;
                    s.streamClosed.put(done.openTime(), toCandle(done));
                    while (s.streamClosed.size() > MAX_STREAM_BARS) {
                        s.streamClosed.pollFirstEntry();
                    }
                }
                s.formingOpen = c.openTime();
                s.forming = c;
            }
        }

        @Override
        public void onConnected(int n) {
            synchronized (WebSocketMarketFeed.this) {
                midsOnThisConnection = false; // healthy again once this connection delivers
                for (Series s : series.values()) {
                    s.forming = null; // a bar seen before the gap is not known to have closed unchanged
                }
            }
        }

        @Override
        public void onDisconnected(String reason) {
            synchronized (WebSocketMarketFeed.this) {
                down("disconnected (" + reason + ")");
            }
        }

        @Override
        public void onStale(long silentMs) {
            synchronized (WebSocketMarketFeed.this) {
                down("stale (silent " + silentMs + " ms)");
            }
        }

        @Override
        public void onMalformed(String text, String reason) {
            LOG.warn("market data websocket: skipped a malformed message ({})", reason);
        }
    }

    private static Candle toCandle(WsCandle c) {
        return new Candle(c.openTime(), c.closeTime(), c.open().doubleValue(), c.high().doubleValue(), c.low().doubleValue(),
                c.close().doubleValue(), c.volume().doubleValue(), c.trades());
    }
}
