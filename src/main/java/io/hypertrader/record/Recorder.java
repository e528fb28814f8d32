package io.hypertrader.record;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.data.AssetContext;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.CoinMeta;
import io.hypertrader.data.HyperliquidInfoClient;
import io.hypertrader.data.HyperliquidWire;
import io.hypertrader.data.IntervalGrid;
import io.hypertrader.live.HyperliquidWebSocket;
import io.hypertrader.live.WsCandle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The recorder's loop: one thread that turns WebSocket events and the clock into database writes.
 *
 * <p>Each {@link #step} (1) takes the events the socket queued (candle updates, asset contexts,
 * connects and drops), (2) writes what the stream closed and the sampled contexts in one short
 * database session, (3) reads REST where a {@link CandleTrack}, {@link FundingTrack} or
 * {@link ContextTrack} says it is due (start, reconnect, a bar the stream did not bring, a
 * provisional bar to confirm, a funding settlement, an empty context slot), writing each page as
 * it arrives, and (4) every heartbeat writes the status row and prints a status line. The clock
 * is injected (tests drive {@link #step} themselves); the socket's own timing runs on the wall.
 *
 * <p>A candle is written only once it closed. It is written first from the stream's last update
 * (so a backtest sees it within a second) and re-read over REST {@code confirmAfter} later (the
 * stream's last update may miss trades conflated away); the REST values replace it and move the
 * persisted cursor. Writing is idempotent everywhere (keys, upserts), so a recorder killed at any
 * moment and started again neither leaves a gap nor writes a duplicate.
 */
public final class Recorder {

    /** Where the recorder reports: info (status lines, catch-ups) and warnings. */
    public interface Log {
        void info(String line);

        void warn(String line);
    }

    /** Opens the WebSocket for the recorder's listener (not started, nothing subscribed). */
    @FunctionalInterface
    public interface SocketFactory {
        HyperliquidWebSocket open(HyperliquidWebSocket.Listener listener);
    }

    private sealed interface Event permits CandleEvent, ContextEvent, Connected, Disconnected {
    }

    private record CandleEvent(WsCandle candle) implements Event {
    }

    /** A context and when it arrived (by the recorder's clock): its slot, however busy the loop is. */
    private record ContextEvent(AssetContext ctx, long receivedAt) implements Event {
    }

    private record Connected(int n) implements Event {
    }

    private record Disconnected(String reason) implements Event {
    }

    private static final int MAX_PENDING_CONTEXTS = 100_000;

    private final RecordSettings settings;
    private final RecorderStore store;
    private final HyperliquidInfoClient rest;
    private final LongSupplier clock;
    private final Log log;
    private final SocketFactory sockets;
    private final Map<String, CandleTrack> candles = new LinkedHashMap<>();
    private final Map<Coin, FundingTrack> funding = new LinkedHashMap<>();
    private final Map<Coin, ContextTrack> contexts = new LinkedHashMap<>();
    private final Map<CandleTrack, List<Candle>> closedOnStream = new LinkedHashMap<>();
    private final ArrayDeque<AssetContext> pendingContexts = new ArrayDeque<>();
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicLong streamMessages = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private HyperliquidWebSocket socket;
    private RecorderStatus status;
    private volatile boolean stopping;
    private volatile boolean inRest;
    private volatile Thread loopThread;
    private boolean connected;
    private int connections;
    private long contextRestSlot = Long.MIN_VALUE;
    private long nextHeartbeatAt;
    private Long lastWriteMs;
    private long writes;
    private long restReads;

    /**
     * @param sockets opens the WebSocket; null records over REST only (catch-up runs, {@code --once})
     */
    public Recorder(RecordSettings settings, RecorderStore store, HyperliquidInfoClient rest, LongSupplier clock, Log log,
                    SocketFactory sockets) {
        this.settings = Objects.requireNonNull(settings);
        this.store = Objects.requireNonNull(store);
        this.rest = Objects.requireNonNull(rest);
        this.clock = Objects.requireNonNull(clock);
        this.log = Objects.requireNonNull(log);
        this.sockets = sockets;
    }

    /** A store on {@code db} writing rows of {@code source} (e.g. "hyperliquid-mainnet"), stamped with {@code clock}. */
    public static RecorderStore store(io.hypertrader.live.DbAccess db, String source, LongSupplier clock) {
        return new RecorderStore(db, source, clock);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Checks the coins against the exchange's perp list and the series against the database,
     * loads where every series stands, writes the status row and opens the WebSocket.
     *
     * @throws UserError USAGE for an unknown coin or a series of another source; REFUSED when a
     *                   recorder of the same name runs; EXCHANGE when the exchange cannot be reached
     */
    public void start() {
        long now = clock.getAsLong();
        checkCoins();
        status = new RecorderStatus(settings.name(), RecorderStatus.thisHost(), ProcessHandle.current().pid(), now, now,
                settings.heartbeatMs(), null, null, settings.describe(), null);
        RecorderStore.Start start = store.start(settings, status, now);
        long earliest = Long.MAX_VALUE;
        for (Coin coin : settings.coins()) {
            for (Interval iv : settings.intervals()) {
                CandleTrack t = new CandleTrack(coin, iv);
                RecorderStore.SeriesStart s = start.series().get(t.key());
                s.lastStored().ifPresent(v -> t.storedUpTo = v);
                // Without a cursor, bars written by fetch or import are exchange values already.
                t.verifiedUpTo = s.verifiedUpTo().orElse(s.lastStored().orElse(CandleTrack.NONE));
                if (t.verifiedUpTo == CandleTrack.NONE && settings.backfillBars() == 0) {
                    t.verifiedUpTo = t.lastClosed(now); // no backfill: record from the next close on
                }
                candles.put(t.key(), t);
                earliest = Math.min(earliest, backfillFrom(t, now));
            }
        }
        for (Coin coin : settings.perps()) {
            if (settings.funding()) {
                FundingTrack f = new FundingTrack(coin, earliest, now);
                Long last = start.lastFunding().get(coin);
                if (last != null) {
                    f.lastTime = last;
                }
                funding.put(coin, f);
            }
            if (settings.contextsEveryMs() > 0) {
                ContextTrack c = new ContextTrack(coin, settings.contextsEveryMs());
                Long last = start.lastContext().get(coin);
                if (last != null) {
                    c.lastSlot = last;
                }
                contexts.put(coin, c);
            }
        }
        nextHeartbeatAt = now + settings.heartbeatMs();
        log.info(stamp(now) + " record " + settings.name() + ": " + settings.describe() + " into " + store.source()
                + "; " + candles.values().stream().map(t -> t.key() + (t.storedUpTo == CandleTrack.NONE ? " (empty)"
                : " from " + time(t.storedUpTo, now))).collect(Collectors.joining(", ")));
        if (sockets != null) {
            socket = sockets.open(new StreamListener());
            for (CandleTrack t : candles.values()) {
                socket.subscribeCandle(t.coin.name(), t.interval.code());
            }
            contexts.keySet().forEach(c -> socket.subscribeActiveAssetCtx(c.name()));
            socket.start();
        }
    }

    /** The first bar a backfill of an empty series reads (the exchange's window at most). */
    private long backfillFrom(CandleTrack t, long now) {
        if (t.verifiedUpTo != CandleTrack.NONE) {
            return IntervalGrid.next(t.interval, t.verifiedUpTo);
        }
        long last = t.lastClosed(now);
        long wanted = IntervalGrid.minus(t.interval, last, Math.max(0, settings.backfillBars() - 1));
        return Math.max(wanted, t.windowStart(now));
    }

    private void checkCoins() {
        List<Coin> defaultDex = settings.perps().stream().filter(c -> !c.name().contains(":")).toList();
        if (defaultDex.isEmpty()) {
            return;
        }
        List<CoinMeta> universe = rest.meta(null);
        for (Coin c : defaultDex) {
            if (universe.stream().noneMatch(m -> m.coin().equals(c))) {
                String names = universe.stream().limit(12).map(m -> m.coin().name()).collect(Collectors.joining(", "));
                throw UserError.usage("coin '" + c + "' is not a perpetual on the exchange (meta lists " + universe.size() + " coins: "
                        + names + (universe.size() > 12 ? ", ..." : "") + "); names are case-sensitive, e.g. BTC, kPEPE");
            }
        }
    }

    /** Runs steps until {@link #requestStop} or the clock reaches {@code untilMs}; then stops cleanly. */
    public void run(long untilMs) {
        loopThread = Thread.currentThread();
        try {
            Event carried = null;
            while (!stopping && clock.getAsLong() < untilMs) {
                try {
                    step(carried);
                } catch (RuntimeException e) {
                    // A defect or an unforeseen failure: report it and go on; every write is idempotent.
                    log.warn(stamp(clock.getAsLong()) + " record: step failed (" + e + "); continuing");
                }
                carried = null;
                if (stopping) {
                    break;
                }
                try {
                    carried = events.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    if (!stopping) {
                        Thread.currentThread().interrupt();
                    }
                    break;
                }
            }
            if (carried != null) {
                step(carried);
            }
        } finally {
            Thread.interrupted();
            finish();
        }
    }

    /** Reads everything due over REST once (every series, funding, contexts) and stops: {@code --once}. */
    public void runOnce() {
        loopThread = Thread.currentThread();
        try {
            long now = clock.getAsLong();
            step(null);
            if (!contexts.isEmpty() && contexts.values().stream().anyMatch(c -> c.lastSlot < c.slot(now))) {
                readContexts(now, true);
                write(clock.getAsLong(), List.of(), List.of(), false);
            }
        } finally {
            finish();
        }
    }

    /** Asks the loop to stop after the current write (from a shutdown hook or another thread). */
    public void requestStop() {
        stopping = true;
        Thread t = loopThread;
        if (t != null && inRest) {
            t.interrupt(); // cut a REST retry short; writes put the flag aside
        }
    }

    /** Waits until the loop has written its last rows and its status; false on timeout. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish() {
        try {
            if (socket != null) {
                socket.close();
            }
            long now = clock.getAsLong();
            drain(null, now);
            try {
                write(now, List.of(), List.of(), false);
                if (status != null) {
                    store.status(status.stopped(now, lastWriteMs, null));
                }
                log.info(stamp(now) + " record " + settings.name() + ": stopped; " + summary(now));
            } catch (RuntimeException e) {
                log.warn(stamp(now) + " record: could not write the last rows and the stop (" + message(e) + ");"
                        + " the next start reads them again from the exchange (contexts excepted)");
            }
        } finally {
            stopped.countDown();
        }
    }

    // ------------------------------------------------------------------ one step

    /** One pass: take the queued events, write them, read REST where due, heartbeat. */
    public void step() {
        step(null);
    }

    /**
     * The database is opened at most twice per step: once for what the stream brought (bars that
     * closed, context samples), once for what REST brought; REST is never read with the file open.
     */
    private void step(Event first) {
        long now = clock.getAsLong();
        drain(first, now);
        boolean beat = now >= nextHeartbeatAt;
        write(now, List.of(), List.of(), beat);
        List<RestCandles> bars = new ArrayList<>();
        for (CandleTrack t : candles.values()) {
            if (!stopping && t.restDue(now, settings.closeGraceMs(), settings.confirmAfterMs())) {
                bars.add(readCandles(t, now));
            }
        }
        List<RestFunding> settlements = new ArrayList<>();
        for (FundingTrack f : funding.values()) {
            if (!stopping && f.due(now)) {
                settlements.add(readFunding(f, now));
            }
        }
        if (!stopping && contexts.values().stream().anyMatch(c -> c.restDue(now))) {
            readContexts(now, false);
        }
        if (!bars.isEmpty() || !settlements.isEmpty() || !pendingContexts.isEmpty()) {
            write(clock.getAsLong(), bars, settlements, false);
        }
        if (beat) {
            nextHeartbeatAt = now + settings.heartbeatMs();
            long at = clock.getAsLong();
            log.info(stamp(at) + " record " + settings.name() + ": " + summary(at));
        }
    }

    private void drain(Event first, long now) {
        if (first != null) {
            handle(first, now);
        }
        for (Event e; (e = events.poll()) != null; ) {
            handle(e, now);
        }
    }

    private void handle(Event e, long now) {
        switch (e) {
            case CandleEvent c -> {
                CandleTrack t = candles.get(c.candle().coin() + " " + c.candle().interval());
                if (t == null) {
                    return;
                }
                Candle closed = t.onStream(c.candle());
                if (closed == null || t.verifiedUpTo == CandleTrack.NONE || closed.openTime() <= t.coveredUpTo()) {
                    return; // nothing closed; the backfill is still due; or REST already has it
                }
                List<Candle> queued = closedOnStream.computeIfAbsent(t, k -> new ArrayList<>());
                long expected = IntervalGrid.next(t.interval, queued.isEmpty() ? t.coveredUpTo() : queued.getLast().openTime());
                if (closed.openTime() != expected) {
                    t.forced = true; // a hole before this bar: REST fills it
                }
                if (queued.isEmpty() || closed.openTime() > queued.getLast().openTime()) {
                    queued.add(closed);
                }
            }
            case ContextEvent c -> {
                ContextTrack t = contexts.get(c.ctx().coin());
                AssetContext sample = t == null ? null : t.offer(c.ctx(), c.receivedAt());
                if (sample != null) {
                    addPending(sample);
                }
            }
            case Connected c -> {
                connected = true;
                connections = c.n();
                candles.values().forEach(CandleTrack::resetStream);
                if (c.n() > 1) {
                    candles.values().forEach(t -> t.forced = true); // whatever closed while it was down
                    log.info(stamp(now) + " record: websocket reconnected (connection " + c.n() + "); reading what it missed over REST");
                }
            }
            case Disconnected d -> {
                connected = false;
                log.warn(stamp(now) + " record: websocket disconnected (" + d.reason() + "); bars that close meanwhile are read over REST");
            }
        }
    }

    private void addPending(AssetContext sample) {
        pendingContexts.add(sample);
        if (pendingContexts.size() > MAX_PENDING_CONTEXTS) {
            pendingContexts.poll();
        }
    }

    /** Candles read from REST for one series, not written yet. */
    private record RestCandles(CandleTrack track, long from, long last, List<Candle> bars, long readUpTo, boolean complete, String error) {
    }

    /** Funding settlements read from REST for one coin, not written yet. */
    private record RestFunding(FundingTrack track, List<io.hypertrader.data.FundingRate> rates, String error) {
    }

    /**
     * Writes, in one database session: REST candles (each series in one transaction with its
     * cursor), the stream's closed bars not confirmed meanwhile, funding, pending contexts, and the
     * status row (always when {@code withStatus}, else when anything was written). A database that
     * stays busy is reported: candles and funding are read again over REST, contexts stay pending.
     */
    private void write(long now, List<RestCandles> rest, List<RestFunding> settlements, boolean withStatus) {
        closedOnStream.values().removeIf(List::isEmpty);
        if (rest.isEmpty() && settlements.isEmpty() && closedOnStream.isEmpty() && pendingContexts.isEmpty() && !withStatus) {
            return;
        }
        List<String> problems = new ArrayList<>();
        try {
            store.session(() -> {
                boolean wrote = false;
                for (RestCandles r : rest) {
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
                        problems.add(t.key() + " bars from the stream not written (" + message(ex) + "); they are read over REST instead");
                    }
                }
                closedOnStream.clear();
                for (RestFunding f : settlements) {
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
                    store.status(status.beat(now, lastWriteMs, connected || sockets == null ? null : "websocket down"));
                }
            });
        } catch (RuntimeException e) {
            closedOnStream.clear();
            rest.forEach(r -> r.track().failed(now));
            settlements.forEach(f -> f.track().failed(now));
            problems.add("database busy or failing (" + message(e) + "); " + pendingContexts.size()
                    + " context samples kept for the next try, candles and funding are read over REST again");
        }
        problems.forEach(p -> log.warn(stamp(now) + " record: " + p));
    }

    /** One series' REST read: bars (exact values) and cursor in one transaction; the track follows. */
    private boolean writeRest(RestCandles r, long now) {
        CandleTrack t = r.track();
        if (r.readUpTo() == Long.MIN_VALUE) {
            if (r.error() != null) {
                log.warn(stamp(now) + " record: " + t.key() + ": REST catch-up failed (" + r.error() + "); retrying in "
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
                log.warn(stamp(now) + " record: " + t.key() + ": REST catch-up stopped at " + time(r.readUpTo(), now) + " ("
                        + r.error() + "); retrying in " + Durations.format(t.failed(now)));
            }
            if (res.inserted() > 0) {
                log.info(stamp(now) + " record: " + t.key() + ": " + res.inserted() + " bars read over REST after "
                        + (before == CandleTrack.NONE ? "an empty series" : time(before, now)) + " (up to " + time(r.readUpTo(), now) + ")");
            }
            return true;
        } catch (UserError | IllegalStateException e) {
            log.warn(stamp(now) + " record: " + t.key() + ": bars read over REST not written (" + message(e) + "); retrying in "
                    + Durations.format(t.failed(now)));
            return false;
        }
    }

    private boolean writeRest(RestFunding f, long now) {
        FundingTrack t = f.track();
        try {
            if (!f.rates().isEmpty()) {
                t.rowsNew += store.writeFunding(t.coin, f.rates());
                t.lastTime = Math.max(t.lastTime, f.rates().stream().mapToLong(io.hypertrader.data.FundingRate::timeMs).max().orElseThrow());
            }
            if (f.error() == null) {
                t.succeeded(now);
            } else {
                log.warn(stamp(now) + " record: " + t.coin + " funding read failed (" + f.error() + "); retrying in "
                        + Durations.format(t.failed(now)));
            }
            return !f.rates().isEmpty();
        } catch (UserError | IllegalStateException e) {
            log.warn(stamp(now) + " record: " + t.coin + " funding not written (" + message(e) + "); retrying in "
                    + Durations.format(t.failed(now)));
            return false;
        }
    }

    // ------------------------------------------------------------------ REST (nothing written here)

    /**
     * Reads the series from its verified cursor to the last closed bar. What arrived before a
     * failure is kept (and written, with the cursor at its last bar), the rest retried later.
     */
    private RestCandles readCandles(CandleTrack t, long now) {
        long last = t.lastClosed(now);
        long window = t.windowStart(now);
        long from = backfillFrom(t, now);
        if (t.verifiedUpTo != CandleTrack.NONE && IntervalGrid.next(t.interval, t.verifiedUpTo) < window) {
            long lost = IntervalGrid.barsBetween(t.interval, IntervalGrid.next(t.interval, t.verifiedUpTo),
                    IntervalGrid.minus(t.interval, window, 1));
            log.warn(stamp(now) + " record: " + t.key() + ": " + lost + " bars after " + time(t.verifiedUpTo, now)
                    + " are older than the exchange's " + io.hypertrader.data.MarketDataFetcher.EXCHANGE_WINDOW
                    + "-bar window and cannot be read any more (a gap; import them from a file if you have them)");
        }
        if (from > last) {
            t.forced = false;
            return new RestCandles(t, from, last, List.of(), Long.MIN_VALUE, true, null);
        }
        List<Candle> bars = new ArrayList<>();
        long[] readUpTo = {Long.MIN_VALUE};
        try {
            inRest = true;
            restReads++;
            rest.candles(t.coin, t.interval, from, IntervalGrid.closeTime(t.interval, last), page -> {
                for (HyperliquidWire.WireCandle w : page) {
                    if (w.closeT() < now && w.t() >= from && w.t() <= last) {
                        bars.add(w.toCandle());
                        readUpTo[0] = Math.max(readUpTo[0], w.t());
                    }
                }
            });
            // Bars the exchange does not have (no trades, an outage) stay absent: the read covered them.
            return new RestCandles(t, from, last, bars, last, true, null);
        } catch (RuntimeException e) {
            return new RestCandles(t, from, last, bars, readUpTo[0], false, stopping ? "stopping" : message(e));
        } finally {
            inRest = false;
        }
    }

    private RestFunding readFunding(FundingTrack f, long now) {
        List<io.hypertrader.data.FundingRate> rates = new ArrayList<>();
        try {
            inRest = true;
            restReads++;
            long from = f.from();
            if (from <= now) {
                rest.funding(f.coin, from, now, rates::addAll);
            }
            return new RestFunding(f, rates, null);
        } catch (RuntimeException e) {
            return new RestFunding(f, rates, stopping ? "stopping" : message(e));
        } finally {
            inRest = false;
        }
    }

    /** One metaAndAssetCtxs read fills the current slot of every coin the stream has not sampled. */
    private void readContexts(long now, boolean force) {
        long slot = contexts.values().iterator().next().slot(now);
        if (!force && contextRestSlot >= slot) {
            return; // one try per slot
        }
        contextRestSlot = slot;
        try {
            inRest = true;
            restReads++;
            for (AssetContext ctx : rest.assetContexts(now)) {
                ContextTrack t = contexts.get(ctx.coin());
                AssetContext sample = t == null ? null : t.offer(ctx, now);
                if (sample != null) {
                    addPending(sample);
                }
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                log.warn(stamp(now) + " record: asset contexts read failed (" + message(e) + "); this slot stays empty unless the stream fills it");
            }
        } finally {
            inRest = false;
        }
    }

    // ------------------------------------------------------------------ views

    /** Messages the stream delivered so far (candle updates and contexts), for tests awaiting a push. */
    public long streamMessages() {
        return streamMessages.get();
    }

    /** Whether the socket is connected (false without one). */
    public boolean socketConnected() {
        return socket != null && socket.isConnected();
    }

    /** The WebSocket (null without one). */
    public HyperliquidWebSocket socket() {
        return socket;
    }

    /** REST reads made so far (candles, funding, contexts; pages of one read count once). */
    public long restReads() {
        return restReads;
    }

    /** The status line: series ends (provisional bars in parentheses), funding, contexts, counters. */
    public String summary(long now) {
        StringBuilder sb = new StringBuilder();
        sb.append(sockets == null ? "REST only" : connected ? "ws up" : "ws down").append("; ");
        sb.append(candles.values().stream().map(t -> t.key() + " " + (t.storedUpTo == CandleTrack.NONE ? "empty"
                : time(t.storedUpTo, now) + (t.provisionalBars() > 0 ? " (" + t.provisionalBars() + " unconfirmed)" : "")))
                .collect(Collectors.joining(", ")));
        if (!funding.isEmpty()) {
            sb.append("; funding ").append(funding.values().stream().map(f -> f.coin + " " + (f.lastTime == FundingTrack.NONE ? "none"
                    : time(f.lastTime, now))).collect(Collectors.joining(", ")));
        }
        if (!contexts.isEmpty()) {
            sb.append("; contexts ").append(contexts.values().stream().mapToLong(c -> c.samples).sum()).append(" samples");
        }
        sb.append("; ").append(writes).append(" writes, ").append(restReads).append(" REST reads, ")
                .append(Math.max(0, connections - 1)).append(" reconnects");
        sb.append("; last write ").append(lastWriteMs == null ? "none" : ((now - lastWriteMs) / 1000) + " s ago");
        return sb.toString();
    }

    private static String stamp(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    /** A bar open or settlement time: HH:mm on the same UTC day as now, else the full ISO time. */
    private static String time(long ms, long now) {
        String iso = Instant.ofEpochMilli(ms).toString();
        String today = Instant.ofEpochMilli(now).toString().substring(0, 10);
        return iso.startsWith(today) ? iso.substring(11, 16) : iso;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }

    // ------------------------------------------------------------------ the socket's callbacks

    /** Runs on okhttp's threads: only queues, the loop does the work. */
    private final class StreamListener implements HyperliquidWebSocket.Listener {
        @Override
        public void onCandle(WsCandle candle) {
            streamMessages.incrementAndGet();
            events.add(new CandleEvent(candle));
        }

        @Override
        public void onAssetContext(AssetContext ctx) {
            streamMessages.incrementAndGet();
            events.add(new ContextEvent(ctx, clock.getAsLong()));
        }

        @Override
        public void onConnected(int n) {
            events.add(new Connected(n));
        }

        @Override
        public void onDisconnected(String reason) {
            events.add(new Disconnected(reason));
        }

        @Override
        public void onStale(long silentMs) {
            events.add(new Disconnected("silent for " + silentMs + " ms"));
        }

        @Override
        public void onMalformed(String text, String reason) {
            // skipped; the next REST read fills anything it would have carried
        }
    }
}
