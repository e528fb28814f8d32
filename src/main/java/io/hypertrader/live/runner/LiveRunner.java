package io.hypertrader.live.runner;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderType;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.kernel.TradingKernel;
import io.hypertrader.live.control.DeadManSwitch;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.control.StopExecutor;
import io.hypertrader.live.deployment.CapitalVenue;
import io.hypertrader.live.deployment.DeploymentBook;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.OpenOrder;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.feed.MarketFeed;
import io.hypertrader.live.replay.PaperSimulation;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.store.DbJournal;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.venue.HyperliquidVenue;
import io.hypertrader.live.venue.OrderJournal;
import io.hypertrader.risk.RiskGuardedStrategy;
import io.hypertrader.risk.RiskManager;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.StatefulStrategy;
import io.hypertrader.strategy.fib.StrategyKinds;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs a testnet or mainnet deployment: the same strategy code as the backtest, behind the risk
 * manager, on a {@link HyperliquidVenue}, driven by live mids and closed candles.
 *
 * <p>A run holds the deployment's lease ({@link DeploymentLease}): taken first (exit 5 while
 * another live runner holds it), renewed first thing every loop, verified by the journal before
 * every order is written ahead of sending, released at the end.
 *
 * <p>Start-up: the venue resumes from the journal (next sequence, fills already seen, orders that
 * were open or whose answer was never journaled), then reconciles with the exchange before any
 * strategy callback: one poll resolves every unknown order by its cloid and books fills missed
 * while no runner ran; open orders that are not this deployment's and positions that differ from
 * the journal's fills are journaled and printed as discrepancies (the exchange is the truth: the
 * venue reports the exchange's positions). Then the strategy warms up on recorded/closed bars
 * with orders blocked, and trading starts.
 *
 * <p>The loop is {@link RunnerBase}'s, the same as paper's; one poll here ({@link #step}): mids
 * (onPrice in intrabar mode), new closed bars (recorded, then onPrice(close) in close mode and
 * onBarClose), venue poll and event delivery, snapshot. Before each poll the dead-man switch is
 * refreshed; a pushed mid is acted on at once and its orders leave before the wait goes on.
 *
 * <p><b>One file (about 460 lines).</b> Start-up (restore, missed events, reconciliation, warm-up),
 * the step and the halt share the venue, the kernel and the journal of one run.
 */
public final class LiveRunner extends RunnerBase {

    /** Market-order slippage bound (the SDKs' default). */
    public static final BigDecimal SLIPPAGE = new BigDecimal("0.05");

    private final HyperliquidExchangeClient exchange;
    private HyperliquidVenue venue;
    /** The venue the strategies and the risk manager see: the exchange's, with the deployment's own equity. */
    private CapitalVenue capitalVenue;
    private boolean warming;
    /** Test hook: wraps the journal the venue writes to (crash simulations). */
    java.util.function.UnaryOperator<OrderJournal> journalWrapper = j -> j;
    /** Default dead-man window: the exchange cancels our orders 60 s after the runner stops refreshing. */
    public static final long DEFAULT_DEAD_MAN_MS = 60_000;
    private long deadManMs = DEFAULT_DEAD_MAN_MS;
    private DeadManSwitch deadMan;
    /** While a pushed price is acted on: when it arrived (nanoTime), else 0. */
    private volatile long pushArrived;
    /** Push-to-order latencies of this run, ms: from a mids push arriving to the signed order leaving. */
    private final List<Double> pushToOrderMs = java.util.Collections.synchronizedList(new ArrayList<>());
    private java.util.function.Function<HyperliquidWebSocket.Listener, HyperliquidWebSocket> userSocketFactory;
    private HyperliquidWebSocket userSocket;

    public LiveRunner(LiveStore store, LiveStore.Deployment deployment, TradingPlan plan, MarketFeed feed, StopControl stops,
                      LongSupplier clock, Sleeper sleeper, PrintWriter out, HyperliquidExchangeClient exchange) {
        super(store, deployment, plan, feed, stops, clock, sleeper, out, "exchange");
        this.exchange = exchange;
    }

    public HyperliquidVenue venue() {
        return venue;
    }

    /**
     * Sets the dead-man window (scheduleCancel at now + window, refreshed every half window while
     * the runner loops, cleared on a clean stop); 0 disables it. At least 10 s otherwise.
     */
    public LiveRunner deadManWindow(long ms) {
        if (ms != 0 && ms < DeadManSwitch.MIN_WINDOW_MS) {
            throw new IllegalArgumentException("dead-man window must be 0 (off) or at least " + DeadManSwitch.MIN_WINDOW_MS
                    + " ms, got " + ms);
        }
        this.deadManMs = ms;
        return this;
    }

    /**
     * Receives fills and order updates over a WebSocket as well as by REST polling: the factory
     * builds an (unstarted) socket around the venue's listener; the runner subscribes it to the
     * trading account's userFills and orderUpdates, starts it, and closes it when the run ends.
     */
    public LiveRunner userStream(java.util.function.Function<HyperliquidWebSocket.Listener, HyperliquidWebSocket> factory) {
        this.userSocketFactory = factory;
        return this;
    }

    /** Start-up as the class comment tells it: resume, restore, missed events, reconciliation, warm-up. */
    @Override
    void startUp(long started) throws TransportException {
        boolean first = store.runs(id).isEmpty();
        runNo = store.runStarted(id, ProcessHandle.current().pid(), started);
        DbJournal journal = new DbJournal(store, id, clock).guardedBy(lease);
        journal("start", null, deployment.stage().code() + " run " + runNo + " on account " + exchange.tradingUser()
                + " (config " + plan.shortHash() + ")");
        say(deployment.stage().code() + " " + id + ": run " + runNo + " started on " + exchange.tradingUser());
        exchange.onOrderLeaving(t -> {
            long arrived = pushArrived;
            if (arrived > 0) {
                pushToOrderMs.add((t - arrived) / 1e6);
            }
        });
        venue = new HyperliquidVenue(exchange, id, journalWrapper.apply(journal), clock, this::refusal, SLIPPAGE,
                resume(first ? started : 0));
        // the deployment's money, not the account's: built before the first poll books this run's fills into it
        List<StrategySlot> slots = new ArrayList<>();
        // ONE manager for every coin: its account view sees them all, so the limits are account-wide
        RiskManager risk = new RiskManager(limits(), e -> {
            journal.risk(e);
            events.riskEvent(e);
        });
        states = new StrategyStates(store, id, clock);
        double cap = entryCap();
        for (FibHedgeParams p : plan.perCoin()) {
            // the config's strategy: the hedge, or a ta4j-rules strategy (which a restart starts fresh: its coin must be flat)
            StatefulStrategy strategy = StrategyKinds.createStateful(p, cap, m -> journal("sizing", p.coin().name(), m));
            states.add(p.coin(), strategy);
            slots.add(new StrategySlot(new RiskGuardedStrategy(strategy, risk), List.of(p.coin())));
        }
        kernel = new TradingKernel(plan.coins(), slots, interval, clock);
        capitalVenue = new CapitalVenue(venue, capital(), DeploymentBook.of(store.fills(id)), kernel.market());
        if (userSocketFactory != null) {
            // its outages go to operations as the market socket's do (the socket-down alert, uptime); read at
            // call time, since operations may be attached after construction
            venue.onUserSocket(up -> events.socket("user", up));
            userSocket = userSocketFactory.apply(venue.userStreamListener());
            userSocket.subscribeUserFills(exchange.tradingUser());
            userSocket.subscribeOrderUpdates(exchange.tradingUser());
            userSocket.start();
        }
        if (deadManMs > 0) {
            deadMan = new DeadManSwitch(exchange, clock, deadManMs, triggersToday(), d -> journal("deadman", null, d));
            deadMan.maintain(); // before reconciliation: orders carried over from a dead runner are protected from here on
        } else {
            journal("deadman", null, "off: open orders stay on the exchange if this runner dies");
        }
        capitalVenue.setListener(e -> {
            observe(e);
            kernel.orderEvent(e);
        });
        // after each callback: journal the states, then let the orders they decided leave (not while warming up)
        kernel.venueSync(c -> {
            if (!warming) {
                settle();
            }
        });
        warming = true; // no orders until the warm-up is done
        venue.holdSends(true); // every order leaves only after the state that decided it is journaled (settle)
        kernel.start(capitalVenue, journal);
        Set<Coin> restored = states.restore(); // before any price or order event
        // What the journal held before this run read anything: the events the old process wrote but
        // never handed over. Read first, because the venue's first poll journals new ones (which it
        // then delivers itself).
        Map<Coin, List<OrderEvent>> missedByCoin = new HashMap<>();
        restored.forEach(coin -> missedByCoin.put(coin, states.missedEvents(coin)));
        venue.poll(); // the exchange's positions first: a strategy handed a missed fill compares its target with them
        restored.forEach(coin -> handMissed(coin, missedByCoin.get(coin)));
        reconcile(); // settles the orders in flight: their missed fills reach the restored strategies
        List<String> differ = restoredDiffer(venue::position);
        if (!differ.isEmpty()) {
            throw refuseToResume(differ);
        }
        String money = capitalLine(capitalVenue.capitalWithRealized(), venue.equity(), cap);
        journal("capital", null, money);
        say(money);
        teach(warmUp(), restored, c -> { });
        settle();
        warming = false;
    }

    /** Orders decided on the last callbacks leave, and a clean end leaves no dead-man schedule behind. */
    @Override
    Outcome end(String reason) {
        settle();
        flushStream();
        if (deadMan != null) {
            deadMan.clear(); // a clean stop leaves no schedule; a crash (exception) leaves it armed on purpose
        }
        ended(reason, latencyLine());
        int orders = venue.tracker().all().size();
        int fills = (int) store.fills(id).size();
        say(deployment.stage().code() + " " + id + ": run " + runNo + " ended (" + reason + "): " + liveBars + " live bars, "
                + orders + " orders this run, " + fills + " fills in total" + latencyLine());
        return new Outcome(reason, liveBars, orders, fills, List.copyOf(discrepancies));
    }

    /** Refreshed every poll: the exchange cancels this deployment's orders if the refreshes stop. */
    @Override
    void beforePoll() {
        if (deadMan != null) {
            deadMan.maintain();
        }
    }

    @Override
    void closeRun() {
        if (userSocket != null) {
            userSocket.close();
        }
    }

    /**
     * A pushed mid is acted on at once: the orders it decides leave before the wait goes on, and
     * the time from the push's arrival to each order leaving is measured.
     */
    @Override
    void actOnPush(long version) throws TransportException {
        pushArrived = feed.midsArrivedNanos();
        try {
            unit(() -> {
                prices();
                settle();
            });
        } finally {
            pushArrived = 0;
            midsActedOn = version;
        }
    }

    /** The exchange's venue marks at the mid; the live book's spread is the exchange's business, not recorded. */
    @Override
    double[] midToVenue(int c, long now, double mid) {
        venue.setMid(kernel.coin(c).name(), mid);
        return null;
    }

    /** One poll: mids, closed bars, the exchange's fills and orders (settled), and a snapshot when a bar closed. */
    @Override
    void step() throws TransportException {
        long version = pollVersion();
        prices();
        Map<Coin, List<Candle>> bars = closedBars(clock.getAsLong());
        venue.poll();
        settle();
        flushStream();
        midsActedOn = Math.max(midsActedOn, version);
        if (!bars.isEmpty()) {
            String pos = positions(venue::position);
            double eq = venue.accountValue();
            events.account(capitalVenue.equity(), capitalVenue.exposure());
            store.append(id, LiveStore.Entry.of(clock.getAsLong(), null, "snapshot", null, null, null, null, null, eq,
                    String.format(Locale.ROOT, "equity=%s savings=%s%s deployment-equity=%s exposure=%s", fmt(eq), fmt(venue.savings()),
                            pos, fmt(capitalVenue.equity()), fmt(capitalVenue.exposure()))));
        }
    }

    /**
     * Hands the strategies their order events, journals every state that changed, then lets the
     * orders those states decided leave; repeated while sending brings new events (an immediate
     * fill the strategy answers). A crash anywhere in here leaves no order at the exchange that
     * the last journaled state does not know of.
     */
    private void settle() {
        venue.deliver();
        states.save();
        while (venue.hasHeldSends()) {
            venue.releaseSends();
            venue.deliver();
            states.save();
        }
    }

    /** Why the venue must send no new order now (warming up, a stop requested), or null. */
    private String refusal() {
        if (warming) {
            return PaperSimulation.WARMING;
        }
        return stops.requested(id) ? "deployment stop requested" : null;
    }

    /** Push-to-order latencies of this run so far, ms (orders decided on a pushed price). */
    public List<Double> pushToOrderMs() {
        synchronized (pushToOrderMs) {
            return List.copyOf(pushToOrderMs);
        }
    }

    private String latencyLine() {
        List<Double> l = new ArrayList<>(pushToOrderMs());
        if (l.isEmpty()) {
            return "";
        }
        java.util.Collections.sort(l);
        return String.format(Locale.ROOT, "; push-to-order latency p50 %.1f ms, p99 %.1f ms over %d orders",
                l.get((l.size() - 1) / 2), l.get((int) Math.ceil(0.99 * l.size()) - 1), l.size());
    }

    /**
     * The restored strategy and the exchange disagree: nothing is sent, the run ends, and the
     * returned error makes the command exit 5 naming every difference (the trader decides; the
     * runner never guesses).
     */
    private io.hypertrader.core.UserError refuseToResume(List<String> differ) {
        String what = String.join("; ", differ);
        store.runEnded(id, runNo, clock.getAsLong(), "halted: restored state differs from the exchange");
        journal("end", null, "run " + runNo + " halted before trading: restored state differs from the exchange: " + what);
        say(deployment.stage().code() + " " + id + ": run " + runNo + " halted: " + what);
        return new io.hypertrader.core.UserError(io.hypertrader.core.UserError.Kind.REFUSED, "deployment " + id
                + ": the restored strategy and the exchange differ (" + what + "); nothing was sent. Check the account for a manual"
                + " trade or a fill made while the runner was down; then either put the position back, or stop the deployment"
                + " (hypertrader stop " + id + " --flatten) and promote again.");
    }

    /** Dead-man triggers journaled today (UTC) by earlier runs of this deployment. */
    private int triggersToday() {
        long day = Math.floorDiv(clock.getAsLong(), 86_400_000L);
        return (int) store.journal(id).stream().filter(e -> e.kind().equals("deadman") && e.detail() != null
                && e.detail().startsWith("fired") && Math.floorDiv(e.wallMs(), 86_400_000L) == day).count();
    }

    /** The dead-man switch of the current run (null when off or before the run). */
    DeadManSwitch deadMan() {
        return deadMan;
    }

    /** Rebuilds the venue's memory from the journal. */
    private HyperliquidVenue.Resume resume(long freshCursor) {
        List<LiveStore.OrderRow> rows = store.orders(id);
        List<LiveStore.FillRow> fills = store.fills(id);
        long next = 1;
        for (LiveStore.OrderRow o : rows) {
            next = Math.max(next, o.orderId() + 1);
        }
        Set<String> keys = new HashSet<>();
        long cursor = freshCursor;
        Map<Long, List<LiveStore.FillRow>> byOrder = new HashMap<>();
        for (LiveStore.FillRow f : fills) {
            keys.add(f.fillKey());
            cursor = Math.max(cursor, f.timeMs());
            if (f.orderId() != null) {
                byOrder.computeIfAbsent(f.orderId(), k -> new ArrayList<>()).add(f);
            }
        }
        if (cursor == 0) {
            cursor = store.runs(id).stream().mapToLong(LiveStore.RunRow::startedMs).min().orElse(clock.getAsLong());
        }
        List<HyperliquidVenue.OpenOrderState> open = new ArrayList<>();
        for (LiveStore.OrderRow o : rows) {
            if (!o.status().equals("PENDING") && !o.status().equals("OPEN")) {
                continue;
            }
            OrderRequest req = new OrderRequest(Coin.of(o.coin()), Side.valueOf(o.side()), OrderType.valueOf(o.type()), o.size(),
                    o.limitPx() == null ? Double.NaN : o.limitPx(), o.triggerPx() == null ? Double.NaN : o.triggerPx(),
                    TimeInForce.valueOf(o.tif()), o.reduceOnly(), o.tag());
            List<OrderEvent> past = new ArrayList<>();
            if (o.status().equals("OPEN")) {
                past.add(new OrderEvent.Accepted(o.orderId(), req.coin(), o.decisionMs()));
            }
            double cum = 0;
            for (LiveStore.FillRow f : byOrder.getOrDefault(o.orderId(), List.of())) {
                cum += f.size();
                Fill fill = new Fill(o.orderId(), req.coin(), req.side(), f.timeMs(), f.price(), f.size(), f.fee(), f.maker(),
                        f.price(), 0, f.forced());
                past.add(new OrderEvent.PartiallyFilled(o.orderId(), req.coin(), f.timeMs(), fill, cum, o.size() - cum));
            }
            open.add(new HyperliquidVenue.OpenOrderState(o.orderId(), req, o.cloid() == null ? null : Cloid.parse(o.cloid()),
                    o.oid(), o.decisionMs(), o.decisionPx() == null ? Double.NaN : o.decisionPx(), past));
        }
        return new HyperliquidVenue.Resume(next, cursor, keys, open, Map.of(), 0);
    }

    /** Brings the venue in line with the exchange and reports every difference. */
    private void reconcile() throws TransportException {
        int unknownBefore = venue.tracker().open().size();
        venue.poll();
        venue.deliver();
        Set<String> coins = new LinkedHashSet<>();
        plan.coins().forEach(c -> coins.add(c.name()));
        Set<String> ours = new HashSet<>();
        for (LiveStore.OrderRow o : store.orders(id)) {
            if (o.cloid() != null) {
                ours.add(o.cloid());
            }
        }
        for (OpenOrder o : exchange.info().frontendOpenOrders(exchange.tradingUser())) {
            if (coins.contains(o.coin()) && (o.cloid() == null || !ours.contains(o.cloid().hex()))) {
                discrepancy("open order oid " + o.oid() + " on " + o.coin() + " (cloid " + o.cloid()
                        + ") is not this deployment's: left alone");
            }
        }
        Map<String, Double> fromFills = new HashMap<>();
        for (LiveStore.FillRow f : store.fills(id)) {
            fromFills.merge(f.coin(), ("BUY".equals(f.side()) ? 1 : -1) * f.size(), Double::sum);
        }
        for (Coin c : plan.coins()) {
            double ex = venue.position(c);
            double j = fromFills.getOrDefault(c.name(), 0.0);
            double step = OrderRounding.sizeStep(venue.instrument(c).szDecimals());
            if (Math.abs(ex - j) > step / 2) {
                discrepancy(c + ": the exchange holds " + fmtQ(ex) + " but this deployment's journaled fills sum to " + fmtQ(j)
                        + "; the exchange is the source of truth");
            }
        }
        String summary = "reconciled: " + unknownBefore + " orders carried over, " + venue.tracker().open().size()
                + " still open, " + discrepancies.size() + " discrepancies, positions " + venue.positions();
        journal("reconcile", null, summary);
        say(summary);
    }

    /** Stops at the exchange: cancels this deployment's orders (and with flatten closes its positions), then the books. */
    @Override
    String halt(boolean flatten) {
        venue.deliver();
        Set<String> coins = new LinkedHashSet<>();
        plan.coins().forEach(c -> coins.add(c.name()));
        StopExecutor.Report r = StopExecutor.stop(exchange, coins, id, flatten, clock);
        try {
            venue.poll();
            venue.deliver();
        } catch (TransportException | RuntimeException e) {
            journal("poll", null, "after stop: " + e.getMessage());
        }
        String reason = stopped(flatten, r.describe(), "runner halted: " + r.describe());
        say("stop: " + r.describe());
        return reason;
    }
}
