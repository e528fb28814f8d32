package io.hypertrader.live.runner;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.data.MalformedResponseException;
import io.hypertrader.kernel.TradingKernel;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.deployment.CapitalSizing;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.feed.MarketFeed;
import io.hypertrader.live.replay.PaperEngine;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.store.LeaseLostException;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.time.TimeChecks;
import io.hypertrader.risk.RiskLimits;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * What paper and live runners share: the run under the lease and its ONE loop ({@link #run}),
 * candle polling and recording, heartbeats, the stop signal, and the session's bookkeeping in the
 * store. The database is opened only for short units of work (see {@link DbAccess}).
 *
 * <p>The lease and time checks, the stop request, the bounds, the failed-poll count and the wait
 * that wakes early for pushed mids (and for paper's orders in flight, {@link #nextArrival}) are
 * written once, so paper and live cannot drift apart in how they pace, stop or give up. A mode
 * supplies one poll against its venue ({@link #step}) and how a mid and a bar reach that venue.
 * What genuinely differs stays per mode: start-up (live reconciles with the exchange, paper
 * rebuilds its book from the journal), acting on a push (live measures push-to-order latency and
 * counts a push acted on even when acting failed), the halt, and the end's books and lines.
 */
public abstract class RunnerBase {

    /** Consecutive failed polls after which the runner halts (live orders stay protected by the exchange-side state). */
    static final int MAX_FAILED_POLLS = 20;

    /** Sleeps between polls (injectable so tests drive time). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    /**
     * Loop settings: poll interval, and optional bounds (0 = none): live bars to process and wall
     * time to run.
     */
    public record Settings(long pollMs, int maxBars, long durationMs) {
        public Settings {
            if (pollMs < 0 || maxBars < 0 || durationMs < 0) {
                throw new IllegalArgumentException("poll, max bars and duration must be >= 0");
            }
        }
    }

    /** How a session ended. */
    public record Outcome(String endReason, int liveBars, int orders, int fills, List<String> discrepancies) {
    }

    final LiveStore store;
    final LiveStore.Deployment deployment;
    final TradingPlan plan;
    final MarketFeed feed;
    final StopControl stops;
    final LongSupplier clock;
    final Sleeper sleeper;
    final PrintWriter out;
    final String id;
    final Interval interval;
    /** What a poll reads, as a failed poll's journal line and end reason name it: "exchange" or "market data". */
    final String polled;
    final Map<Coin, Long> lastOpen = new HashMap<>();
    final List<String> discrepancies = new ArrayList<>();
    int runNo;
    int liveBars;
    /** Who this runner is when it takes the deployment's lease, and how patient it is with a silent holder. */
    DeploymentLease.Settings leaseSettings = DeploymentLease.Settings.defaults();
    /** The deployment's lease while a run holds it (null before, and in {@code stop}'s offline paper path). */
    DeploymentLease lease;
    /** Clock-skew and overdue-bar checks (null = off). */
    TimeChecks timeChecks;
    /** Operations: metrics and alerts (nothing attached by default). */
    RunnerEvents events = RunnerEvents.NONE;
    /** The one kernel of the run: pushed mids and closed candles to the strategies, then the venue (see TradingKernel). */
    TradingKernel kernel;
    /** The strategies' journaled states (restored on start, saved after every callback). */
    StrategyStates states;
    /** The feed's mids version the strategies last saw (see {@link MarketFeed#awaitMids}). */
    long seenMids;
    /** The newest pushed mids version the strategies have fully acted on (orders sent). */
    volatile long midsActedOn;
    /** Orders that reached the venue and have not ended: each is counted as sent once. */
    private final java.util.Set<Long> reached = new java.util.HashSet<>();
    private boolean marketSocketUp;
    private boolean marketSocketSeen;

    RunnerBase(LiveStore store, LiveStore.Deployment deployment, TradingPlan plan, MarketFeed feed, StopControl stops,
               LongSupplier clock, Sleeper sleeper, PrintWriter out, String polled) {
        this.store = store;
        this.deployment = deployment;
        this.plan = plan;
        this.feed = feed;
        this.stops = stops;
        this.clock = clock;
        this.sleeper = sleeper;
        this.out = out;
        this.polled = polled;
        this.id = deployment.id();
        this.interval = plan.interval();
        if (!plan.hash().equals(deployment.configHash())) {
            throw new IllegalStateException("deployment " + id + " was promoted with config hash " + deployment.configHash()
                    + " but its stored config hashes to " + plan.hash());
        }
    }

    /** Lease settings: timeout, this process's identity, how pids are looked up (default: 60 s, this process, the OS). */
    public void leaseSettings(DeploymentLease.Settings settings) {
        this.leaseSettings = java.util.Objects.requireNonNull(settings);
    }

    /** Where the runner reports what operations watch (metrics, alerts); default: nowhere. */
    public void events(RunnerEvents events) {
        this.events = java.util.Objects.requireNonNull(events);
    }

    /** Checks the exchange's clock and overdue bars once per loop (off unless given). */
    public void watchTime(TimeChecks checks) {
        this.timeChecks = checks;
    }

    /**
     * Runs one session under the deployment's lease: the mode's start-up, the loop, the mode's end.
     *
     * @throws io.hypertrader.core.UserError REFUSED (exit 5) when another live runner holds the
     *                                       deployment, when this one lost it while running, or
     *                                       when the restored strategy and the venue differ
     */
    public final Outcome run(Settings settings) throws TransportException {
        takeLease();
        boolean clean = false;
        try {
            long started = clock.getAsLong();
            startUp(started);
            String reason = loop(settings, started);
            kernel.finish(clock.getAsLong());
            Outcome o = end(reason);
            clean = true;
            return o;
        } catch (LeaseLostException e) {
            leaseLost(e);
            throw e;
        } finally {
            closeRun();
            releaseLease(clean);
        }
    }

    /**
     * The loop of every mode: lease and time checks, a stop request, the bounds, one poll with the
     * heartbeat in one unit of work, the wait. A failed poll is journaled and retried until
     * {@link #MAX_FAILED_POLLS} in a row; a stop or a bound reached during the poll ends it at once.
     */
    private String loop(Settings settings, long started) {
        String reason = "bounded";
        int failures = 0;
        while (true) {
            loopStart(); // lease first: a runner whose deployment was taken over sends and journals no more orders
            if (stops.requested(id)) {
                reason = halt(stops.flatten(id).orElse(false));
                break;
            }
            if (bounded(settings, started)) {
                break;
            }
            beforePoll();
            feedNotices();
            try {
                unit(() -> {
                    step();
                    store.heartbeat(id, runNo, clock.getAsLong());
                });
                failures = 0;
            } catch (TransportException | MalformedResponseException e) {
                failures++;
                journal("poll", null, polled + " unreadable (" + failures + " in a row): " + e.getMessage());
                if (failures >= MAX_FAILED_POLLS) {
                    reason = "halted: " + polled + " unreadable " + failures + " times in a row";
                    break;
                }
            }
            if (stops.requested(id) || bounded(settings, started)) {
                continue;
            }
            if (!untilNextPoll(settings)) {
                reason = "interrupted";
                break;
            }
        }
        return reason;
    }

    /**
     * The time between two polls; false when interrupted. With mids pushed (a healthy WebSocket) the
     * strategies act on each push as it arrives ({@link #actOnPush}); candles, fills, heartbeats and
     * the lease are the poll's. Without pushes: a sleep. Either way an order in flight arrives when
     * its latency has passed (paper).
     */
    private boolean untilNextPoll(Settings settings) {
        try {
            if (!feed.pushing()) {
                // polling: sleep to the next poll, or first to the next arrival (the injected clock decides)
                long due = untilArrival();
                if (due >= settings.pollMs()) {
                    return pause(settings);
                }
                long first = Math.max(0, due);
                sleeper.sleep(first);
                unit(this::arrivals);
                sleeper.sleep(settings.pollMs() - first);
                return true;
            }
            long until = System.nanoTime() + settings.pollMs() * 1_000_000L; // a cadence, not a time stamp
            while (true) {
                long left = (until - System.nanoTime()) / 1_000_000L;
                if (left <= 0 || !feed.pushing()) {
                    return true;
                }
                long v = feed.awaitMids(seenMids, Math.max(0, Math.min(left, untilArrival())));
                if (v != seenMids) {
                    seenMids = v;
                    actOnPush(v);
                } else if (untilArrival() <= 0) {
                    unit(this::arrivals);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (TransportException | MalformedResponseException e) {
            journal("poll", null, "acting on a pushed price: " + e.getMessage());
            return true;
        }
    }

    /** Up to the first poll: the run's row, the venue and kernel, the strategies restored (REFUSED on a difference), warm-up. */
    abstract void startUp(long started) throws TransportException;

    /** What one poll does against the mode's venue; runs in one unit of work with the heartbeat. */
    abstract void step() throws TransportException;

    /** Acts on a pushed mids version between polls (prices, and whatever the mode's venue does then). */
    abstract void actOnPush(long version) throws TransportException;

    /** Stops at the deployment's request (stop, stop --flatten); returns the end reason. */
    abstract String halt(boolean flatten);

    /** After the loop and the kernel's finish: the run's last books and lines. */
    abstract Outcome end(String reason);

    /** Moves the mode's venue to a mid before the strategies hear it; returns the bid/ask recorded with the point, or null. */
    abstract double[] midToVenue(int c, long now, double mid);

    /** Before each poll, after the stop and the bounds are checked (live: the dead-man refresh). */
    void beforePoll() {
    }

    /** A closed bar reaches the mode's venue before the strategies hear it (paper: the simulated market). */
    void barToVenue(int c, Candle bar) {
    }

    /** When the next order in flight reaches the venue (paper's simulated latency); Long.MAX_VALUE: none (live: never). */
    long nextArrival() {
        return Long.MAX_VALUE;
    }

    /** Orders in flight whose latency has passed arrive now, at the last live price (paper). */
    void arrivals() {
    }

    /** Ms until the next arrival; Long.MAX_VALUE when none is in flight (then the clock is not read). */
    private long untilArrival() {
        long next = nextArrival();
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : next - clock.getAsLong();
    }

    /** When the run ends, however it ends, before the lease goes back (live: the user stream closes). */
    void closeRun() {
    }

    /** The newest mids go to the venue, the market view and the strategies that trade within a bar. */
    void prices() throws TransportException {
        Map<String, Double> mids = feed.mids();
        long now = clock.getAsLong();
        for (int c = 0; c < kernel.size(); c++) {
            Double m = mids.get(kernel.coin(c).name());
            if (m == null || !(m > 0)) {
                continue;
            }
            double[] bidAsk = midToVenue(c, now, m);
            streamPoint(kernel.coin(c), now, m, bidAsk);
            if (kernel.everyPrice(c)) {
                kernel.price(c, now, m);
            } else {
                kernel.market().set(c, now, m); // a strategy on closes hears the bar's close, not the mid
            }
        }
    }

    /** The feed's mids version, read before the mids: a push after this wakes the wait that follows. */
    long pollVersion() {
        long version = feed.midsVersion();
        seenMids = version;
        return version;
    }

    /** When a bar is due: the bars closed since the last poll, recorded, to the venue, then to the strategies. */
    Map<Coin, List<Candle>> closedBars(long now) throws TransportException {
        Map<Coin, List<Candle>> bars = barDue(now) ? newBars() : Map.of();
        for (int c = 0; c < kernel.size(); c++) {
            for (Candle b : bars.getOrDefault(kernel.coin(c), List.of())) {
                barToVenue(c, b);
                kernel.closedBar(c, b.openTime(), b.closeTime(), b.open(), b.high(), b.low(), b.close(), b.volume());
            }
        }
        return bars;
    }

    /** The newest pushed mids version the strategies have acted on (for watchers such as tests). */
    public long midsActedOn() {
        return midsActedOn;
    }

    /** Warm-up bars, coin by coin, to the venue, then to fresh strategies; a restored one already learned them: prices only. */
    void teach(Map<Coin, List<Candle>> warm, Set<Coin> restored, IntConsumer coinDone) {
        for (int c = 0; c < kernel.size(); c++) {
            Coin coin = kernel.coin(c);
            for (Candle b : warm.getOrDefault(coin, List.of())) {
                barToVenue(c, b);
                if (restored.contains(coin)) {
                    kernel.market().set(c, b.closeTime(), b.close());
                } else {
                    kernel.price(c, b.closeTime(), b.close());
                    kernel.barClose(c, b.openTime(), b.open(), b.high(), b.low(), b.close(), b.volume());
                }
            }
            coinDone.accept(c);
        }
    }

    /** Hands a restored strategy the journaled order events it had not seen. */
    void handMissed(Coin coin, List<OrderEvent> missed) {
        if (!missed.isEmpty()) {
            journal("reconcile", coin.name(), "the restored strategy is handed " + missed.size()
                    + " journaled order events it had not seen: " + missed);
            missed.forEach(kernel::orderEvent);
        }
    }

    /** Where the restored strategies and the venue's positions differ (each reported to operations). */
    List<String> restoredDiffer(ToDoubleFunction<Coin> position) {
        Set<Coin> traded = new HashSet<>();
        store.fills(id).forEach(f -> traded.add(Coin.of(f.coin())));
        List<String> differ = states.reconcile(position, traded);
        differ.forEach(line -> events.reconciliationDifference(null, line));
        return differ;
    }

    /** The books of a stop: status, the stop request answered, the journal, operations; returns the end reason. */
    String stopped(boolean flatten, String report, String journaled) {
        long now = clock.getAsLong();
        store.setStatus(id, "stopped", now, flatten ? "stop --flatten" : "stop");
        store.stopDone(id, now, report);
        journal("stop", null, journaled);
        events.stopped(flatten, report);
        return flatten ? "stopped (flattened)" : "stopped";
    }

    /** The run's end in the store and the journal ({@code more}: what the mode adds to the end line). */
    void ended(String reason, String more) {
        store.runEnded(id, runNo, clock.getAsLong(), reason);
        journal("end", null, "run " + runNo + " ended: " + reason + more);
    }

    /** The coins' positions for a snapshot line: " BTC=0.0100 ETH=0". */
    String positions(ToDoubleFunction<Coin> position) {
        StringBuilder pos = new StringBuilder();
        for (Coin c : plan.coins()) {
            pos.append(' ').append(c.name()).append('=').append(fmtQ(position.applyAsDouble(c)));
        }
        return pos.toString();
    }

    /** The first thing a run does: takes the deployment's lease (exit 5 while another live runner holds it). */
    void takeLease() {
        lease = DeploymentLease.acquire(store, id, leaseSettings, clock);
        if (lease.takenOverFrom() != null) { // the previous runner died or went silent: someone should know
            events.leaseTakenOver(lease.takenOverFrom(), leaseSettings.self().describe(), lease.takenOverSilentMs());
        }
    }

    /**
     * The first thing of every loop, before anything is sent (the dead-man refresh included):
     * proves the lease is still this runner's and renews its heartbeat; then the time checks.
     *
     * @throws LeaseLostException when another runner took the deployment over
     */
    void loopStart() {
        lease.renew();
        events.tick();
        if (timeChecks != null) {
            timeChecks.check(clock.getAsLong(), lastOpen, this::journal);
        }
    }

    /** Ends the books of a run whose lease was taken over: nothing is sent, cleared or flattened. */
    void leaseLost(LeaseLostException e) {
        long now = clock.getAsLong();
        if (runNo > 0) {
            store.runEnded(id, runNo, now, "lease lost");
        }
        journal("lease", null, "lost: " + e.getMessage());
        say(deployment.stage().code() + " " + id + ": run " + runNo + " stopped: " + e.getMessage());
    }

    /**
     * Gives the lease back when a run ends. After a clean end a failure to release is an error;
     * after a crash it is not allowed to hide the crash (the holder is then gone or falls silent,
     * so the next run takes over anyway).
     */
    void releaseLease(boolean clean) {
        if (lease == null) {
            return;
        }
        if (clean) {
            lease.release();
            return;
        }
        try {
            lease.release();
        } catch (RuntimeException e) {
            // the crash that got us here is the error to report
        }
    }

    /** The risk limits in force: the config's, with the deployment's position cap (mainnet). */
    RiskLimits limits() {
        return PaperEngine.limits(plan, deployment);
    }

    /** The deployment's capital, USDC (promote --capital; for older deployments the config's account.initialEquity). */
    double capital() {
        return deployment.capital(plan.initialEquity());
    }

    /** The largest notional a cycle is sized to under the limits in force, USDC ({@link CapitalSizing#cycleCap}). */
    double entryCap() {
        return CapitalSizing.cycleCap(limits());
    }

    /** The start-of-run line on the deployment's money: capital, what the account holds, what sizing uses, the cap. */
    static String capitalLine(double capital, double accountEquity, double cap) {
        return String.format(Locale.ROOT, "capital %s USDC (with this deployment's realized P&L), account %s USDC: sizing from %s"
                        + " USDC%s; cycles sized to at most %s USDC (position cap)", fmt(capital), fmt(accountEquity),
                fmt(Math.min(capital, accountEquity)), accountEquity < capital ? " (the account holds less than the capital)" : "",
                fmt(cap));
    }

    void journal(String kind, String coin, String detail) {
        store.append(id, LiveStore.Entry.of(clock.getAsLong(), null, kind, null, null, coin, null, null, null, detail));
    }

    void say(String line) {
        out.println(line);
        out.flush();
    }

    void discrepancy(String text) {
        discrepancies.add(text);
        journal("discrepancy", null, text);
        say("DISCREPANCY " + text);
    }

    /** Loads what was recorded before (restart) and records warm-up bars when none are. Returns the warm-up per coin. */
    Map<Coin, List<Candle>> warmUp() throws TransportException {
        Map<Coin, List<Candle>> recorded = store.candles(id, interval);
        Map<Coin, List<Candle>> warm = new HashMap<>();
        long now = clock.getAsLong();
        for (Coin coin : plan.coins()) {
            List<Candle> have = recorded.getOrDefault(coin, List.of());
            if (!have.isEmpty()) {
                lastOpen.put(coin, have.get(have.size() - 1).openTime());
                int from = Math.max(0, have.size() - plan.warmupBars());
                warm.put(coin, have.subList(from, have.size()));
                continue;
            }
            List<Candle> closed = new ArrayList<>();
            for (Candle c : feed.recentCandles(coin, interval, plan.warmupBars(), now)) {
                if (c.closeTime() < now) {
                    closed.add(c);
                }
            }
            List<Candle> w = closed.subList(Math.max(0, closed.size() - plan.warmupBars()), closed.size());
            store.db().batch(() -> {
                for (Candle c : w) {
                    store.recordCandle(id, coin, interval, c, true, now);
                }
            });
            if (!w.isEmpty()) {
                lastOpen.put(coin, w.get(w.size() - 1).openTime());
            }
            warm.put(coin, List.copyOf(w));
            journal("warmup", coin.name(), w.size() + " closed " + interval.code() + " bars recorded before trading");
        }
        return warm;
    }

    /** Polls closed bars newer than the last recorded one, records them and returns them per coin (time order). */
    Map<Coin, List<Candle>> newBars() throws TransportException {
        long now = clock.getAsLong();
        Map<Coin, List<Candle>> fresh = new HashMap<>();
        for (Coin coin : plan.coins()) {
            long last = lastOpen.getOrDefault(coin, Long.MIN_VALUE);
            int want = last == Long.MIN_VALUE ? 3 : (int) Math.min(5000, Math.max(3, (now - last) / interval.millis() + 2));
            List<Candle> got = new ArrayList<>();
            for (Candle c : feed.recentCandles(coin, interval, want, now)) {
                if (c.openTime() > last && c.closeTime() < now) {
                    got.add(c);
                }
            }
            if (got.isEmpty()) {
                continue;
            }
            store.db().batch(() -> {
                for (Candle c : got) {
                    store.recordCandle(id, coin, interval, c, false, now);
                }
            });
            lastOpen.put(coin, got.get(got.size() - 1).openTime());
            fresh.put(coin, got);
        }
        if (!fresh.isEmpty()) {
            liveBars += fresh.values().stream().mapToInt(List::size).max().orElse(0);
        }
        return fresh;
    }

    /** The price points acted on since the last flush (the recorded live stream; see {@link LiveStore#points}). */
    private final List<LiveStore.Point> stream = new ArrayList<>();

    /** A price point the strategies were handed (or, on closes, the market view moved to). */
    void streamPoint(Coin coin, long timeMs, double price, double[] bidAsk) {
        stream.add(new LiveStore.Point(coin.name(), timeMs, price, bidAsk == null ? Double.NaN : bidAsk[0],
                bidAsk == null ? Double.NaN : bidAsk[1]));
    }

    /**
     * Writes the buffered points: once per poll, in the unit of work that opens the database
     * anyway (a push that changes nothing opens none), and when the run ends; a crash loses at
     * most one poll's points, which only thins what {@code parity} can replay.
     */
    void flushStream() {
        if (!stream.isEmpty()) {
            store.recordPoints(id, List.copyOf(stream));
            stream.clear();
        }
    }

    /** True once the bar after the last recorded one has closed (candles are read only then). */
    boolean barDue(long now) {
        for (Coin c : plan.coins()) {
            Long last = lastOpen.get(c);
            if (last == null || now >= last + 2 * interval.millis()) {
                return true;
            }
        }
        return false;
    }

    /** Journals what the feed reported since the last loop (WebSocket/REST switches, staleness). */
    void feedNotices() {
        for (String n : feed.notices()) {
            journal("feed", null, n);
        }
        // a feed that never pushed (REST only) has no socket to report
        boolean up = feed.pushing();
        if (up != marketSocketUp && (up || marketSocketSeen)) {
            events.socket("market", up);
        }
        marketSocketSeen |= up;
        marketSocketUp = up;
    }

    /** Reports a venue event to operations (before the strategy hears it): sent once per order, accepted, refused, filled. */
    void observe(io.hypertrader.core.OrderEvent e) {
        long id = e.orderId();
        switch (e) {
            case io.hypertrader.core.OrderEvent.Accepted a -> {
                if (reached.add(id)) {
                    events.orderSent();
                }
                events.orderAccepted();
            }
            case io.hypertrader.core.OrderEvent.Rejected r -> {
                if (r.code() != io.hypertrader.core.RejectCode.RISK && reached.add(id)) {
                    events.orderSent();
                }
                events.orderRejected(r.code().name());
                reached.remove(id);
            }
            case io.hypertrader.core.OrderEvent.PartiallyFilled p -> {
                firstFill(id);
                events.fill(p.fill().price() * p.fill().size(), p.fill().maker());
            }
            case io.hypertrader.core.OrderEvent.Filled f -> {
                firstFill(id);
                events.fill(f.fill().price() * f.fill().size(), f.fill().maker());
                reached.remove(id);
            }
            case io.hypertrader.core.OrderEvent.Cancelled c -> reached.remove(id);
        }
    }

    /** An order filled without an acceptance first (a taker filled at once) was sent and accepted. */
    private void firstFill(long id) {
        if (reached.add(id)) {
            events.orderSent();
            events.orderAccepted();
        }
    }

    /** Work that may fail reading the exchange. */
    @FunctionalInterface
    interface IoWork {
        void run() throws TransportException;
    }

    /** Runs one loop iteration with the database opened once for all its writes. */
    void unit(IoWork work) throws TransportException {
        TransportException[] failed = new TransportException[1];
        store.db().batch(() -> {
            try {
                work.run();
            } catch (TransportException e) {
                failed[0] = e;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    boolean bounded(Settings s, long startedMs) {
        return (s.maxBars() > 0 && liveBars >= s.maxBars()) || (s.durationMs() > 0 && clock.getAsLong() - startedMs >= s.durationMs());
    }

    boolean pause(Settings s) {
        try {
            sleeper.sleep(s.pollMs());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String fmtQ(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
