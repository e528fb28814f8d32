package io.hypertrader.record;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.data.AssetContext;
import io.hypertrader.data.CoinMeta;
import io.hypertrader.data.HyperliquidInfoClient;
import io.hypertrader.data.IntervalGrid;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.exchange.HyperliquidWebSocket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The recorder's loop: one thread that turns WebSocket events and the clock into database writes.
 *
 * <p>Each {@link #step} (1) takes the events the socket queued ({@link StreamEvents}: candle
 * updates, asset contexts, connects and drops), (2) writes what the stream closed and the sampled
 * contexts in one short database session, (3) reads REST ({@link RestReads}) where a
 * {@link CandleTrack}, {@link FundingTrack} or {@link ContextTrack} says it is due (start,
 * reconnect, a bar the stream did not bring, a provisional bar to confirm, a funding settlement,
 * an empty context slot) and writes what it read in a second session ({@link StepWriter}), and
 * (4) every heartbeat writes the status row and prints a status line. The database is never open
 * while the exchange is asked. The clock is injected (tests drive {@link #step} themselves); the
 * socket's own timing runs on the wall.
 *
 * <p>A candle is written only once it closed. It is written first from the stream's last update
 * (so a backtest sees it within a second) and re-read over REST {@code confirmAfter} later (the
 * stream's last update may miss trades conflated away); the REST values replace it and move the
 * persisted cursor. Writing is idempotent everywhere (keys, upserts), so a recorder killed at any
 * moment and started again neither leaves a gap nor writes a duplicate.
 *
 * <p><b>One file (about 460 lines).</b> One loop around one cursor per series: the stream's bars, the
 * REST confirmation, funding and contexts all move the same cursors; the store and the socket live
 * apart.
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

    private static final int MAX_PENDING_CONTEXTS = 100_000;

    private final RecordSettings settings;
    private final RecorderStore store;
    private final RestReads reads;
    private final HyperliquidInfoClient rest;
    private final LongSupplier clock;
    private final Log log;
    private final SocketFactory sockets;
    private final Map<String, CandleTrack> candles = new LinkedHashMap<>();
    private final Map<Coin, FundingTrack> funding = new LinkedHashMap<>();
    private final Map<Coin, ContextTrack> contexts = new LinkedHashMap<>();
    private final Map<CandleTrack, List<Candle>> closedOnStream = new LinkedHashMap<>();
    private final ArrayDeque<AssetContext> pendingContexts = new ArrayDeque<>();
    private final StreamEvents events;
    private final StepWriter writer;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private HyperliquidWebSocket socket;
    private RecorderStatus status;
    private volatile boolean stopping;
    private volatile Thread loopThread;
    private boolean connected;
    private int connections;
    private long contextRestSlot = Long.MIN_VALUE;
    /** Read the contexts over REST at the next step if the current slot is empty (start, reconnect). */
    private boolean contextsAfterGap = true;
    private long nextHeartbeatAt;

    /**
     * @param db      the database, opened per unit of work ({@link DbAccess#file})
     * @param source  the source of the rows written, {@code hyperliquid-<network>} as {@code fetch} writes it
     * @param clock   the recorder's clock, epoch ms (bar closes, slots, heartbeats, row stamps)
     * @param sockets opens the WebSocket; null records over REST only ({@code --once})
     */
    public Recorder(RecordSettings settings, DbAccess db, String source, HyperliquidInfoClient rest, LongSupplier clock, Log log,
                    SocketFactory sockets) {
        this.settings = Objects.requireNonNull(settings);
        this.store = new RecorderStore(db, source, clock);
        this.reads = new RestReads(rest, log);
        this.events = new StreamEvents(clock);
        this.writer = new StepWriter(store, log);
        this.rest = rest;
        this.clock = Objects.requireNonNull(clock);
        this.log = Objects.requireNonNull(log);
        this.sockets = sockets;
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
                Long firstBar = start.firstCandle().get(coin);
                FundingTrack f = new FundingTrack(coin, firstBar == null ? earliest : Math.min(earliest, firstBar), now);
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
            socket = sockets.open(events);
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
            StreamEvents.Event carried = null;
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
                    carried = events.poll(200);
                } catch (InterruptedException e) {
                    if (!stopping) {
                        Thread.currentThread().interrupt();
                    }
                    break;
                }
            }
            if (carried != null) {
                handle(carried, clock.getAsLong()); // written by finish()
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
            step(null); // a first step reads every series, the funding and the current context slot
        } finally {
            finish();
        }
    }

    /** Asks the loop to stop after the current write (from a shutdown hook or another thread). */
    public void requestStop() {
        stopping = true;
        Thread t = loopThread;
        if (t != null && reads.active()) {
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
                    store.status(status.stopped(now, writer.lastWriteMs(), null));
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
    private void step(StreamEvents.Event first) {
        long now = clock.getAsLong();
        drain(first, now);
        boolean beat = now >= nextHeartbeatAt;
        write(now, List.of(), List.of(), beat);
        List<RestReads.Candles> bars = new ArrayList<>();
        for (CandleTrack t : candles.values()) {
            if (!stopping && t.restDue(now, settings.closeGraceMs(), settings.confirmAfterMs())) {
                bars.add(reads.candles(t, backfillFrom(t, now), now, stopping));
            }
        }
        List<RestReads.Funding> settlements = new ArrayList<>();
        for (FundingTrack f : funding.values()) {
            if (!stopping && f.due(now)) {
                settlements.add(reads.funding(f, now, stopping));
            }
        }
        // An empty slot past its grace, or right away after a start or a reconnect (a gap).
        boolean gap = contextsAfterGap;
        contextsAfterGap = false;
        if (!stopping && contexts.values().stream().anyMatch(c -> c.restDue(now) || gap && c.lastSlot < c.slot(now))) {
            readContexts(now, gap);
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

    private void drain(StreamEvents.Event first, long now) {
        if (first != null) {
            handle(first, now);
        }
        for (StreamEvents.Event e; (e = events.poll()) != null; ) {
            handle(e, now);
        }
    }

    private void handle(StreamEvents.Event e, long now) {
        switch (e) {
            case StreamEvents.CandleUpdate c -> {
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
            case StreamEvents.Context c -> {
                ContextTrack t = contexts.get(c.ctx().coin());
                AssetContext sample = t == null ? null : t.offer(c.ctx(), c.receivedAt());
                if (sample != null) {
                    addPending(sample);
                }
            }
            case StreamEvents.Connected c -> {
                connected = true;
                connections = c.n();
                candles.values().forEach(CandleTrack::resetStream);
                if (c.n() > 1) {
                    candles.values().forEach(t -> t.forced = true); // whatever closed while it was down
                    contextsAfterGap = true;
                    log.info(stamp(now) + " record: websocket reconnected (connection " + c.n() + "); reading what it missed over REST");
                }
            }
            case StreamEvents.Disconnected d -> {
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

    /** Writes the step's results in one session (see {@link StepWriter#write}). */
    private void write(long now, List<RestReads.Candles> rest, List<RestReads.Funding> settlements, boolean withStatus) {
        String note = connected || sockets == null ? null : "websocket down";
        writer.write(now, rest, settlements, closedOnStream, pendingContexts, status, note, withStatus);
    }

    /** One metaAndAssetCtxs read fills the current slot of every coin the stream has not sampled (one try per slot). */
    private void readContexts(long now, boolean force) {
        long slot = contexts.values().iterator().next().slot(now);
        if (!force && contextRestSlot >= slot) {
            return;
        }
        contextRestSlot = slot;
        List<AssetContext> read = reads.contexts(now, stopping);
        long at = clock.getAsLong(); // the answer's time, as for a push: the read may have taken a while
        for (AssetContext ctx : read) {
            ContextTrack t = contexts.get(ctx.coin());
            AssetContext sample = t == null ? null : t.offer(ctx, at);
            if (sample != null) {
                addPending(sample);
            }
        }
    }

    // ------------------------------------------------------------------ views

    /** Messages the stream delivered so far (candle updates and contexts), for tests awaiting a push. */
    public long streamMessages() {
        return events.dataMessages();
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
        return reads.reads();
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
        sb.append("; ").append(writer.writes()).append(" writes, ").append(reads.reads()).append(" REST reads, ")
                .append(Math.max(0, connections - 1)).append(" reconnects");
        Long last = writer.lastWriteMs();
        sb.append("; last write ").append(last == null ? "none" : ((now - last) / 1000) + " s ago");
        return sb.toString();
    }

    static String stamp(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    /** A bar open or settlement time: HH:mm on the same UTC day as now, else the full ISO time. */
    static String time(long ms, long now) {
        String iso = Instant.ofEpochMilli(ms).toString();
        String today = Instant.ofEpochMilli(now).toString().substring(0, 10);
        return iso.startsWith(today) ? iso.substring(11, 16) : iso;
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }
}
