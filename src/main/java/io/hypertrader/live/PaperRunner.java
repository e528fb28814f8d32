package io.hypertrader.live;

import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderStatus;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.strategy.TransitionRecord;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs a paper deployment: live closed candles, the simulator's {@code realistic} profile and the
 * deployment's seed, through {@link PaperEngine} (the backtester). Each time a bar closes on the
 * wall clock it is recorded, the recorded history is replayed, and what is new (decisions,
 * orders, fills, risk events, a snapshot) is journaled; anything already journaled that the
 * replay now tells differently is a discrepancy. The stop signal halts it; with flatten, open
 * positions are closed in the paper books at the last close with the taker fee. A run holds the
 * deployment's lease ({@link DeploymentLease}) and verifies it in the unit of work that journals
 * the replay's orders.
 */
public final class PaperRunner extends RunnerBase {

    private final Map<Long, LiveStore.OrderRow> journaled = new HashMap<>();
    private final Set<String> fillKeys = new HashSet<>();
    private final Map<String, LiveStore.FillRow> fillsByKey = new HashMap<>();
    private int riskCount;
    private int decisionCount;
    private int orders;
    private int fills;
    private PaperEngine.Replay last;
    /** The strategies' journaled states (paper rebuilds them by replay; see {@link StrategyStates#rebuilt}). */
    private StrategyStates states;

    public PaperRunner(LiveStore store, LiveStore.Deployment deployment, TradingPlan plan, MarketFeed feed, StopControl stops,
                       LongSupplier clock, Sleeper sleeper, PrintWriter out) {
        super(store, deployment, plan, feed, stops, clock, sleeper, out);
    }

    /**
     * Runs one session under the deployment's lease.
     *
     * @throws io.hypertrader.core.UserError REFUSED (exit 5) when another live runner holds the
     *                                       deployment, or when this one lost it while running
     */
    public Outcome run(Settings settings) throws TransportException {
        takeLease();
        boolean clean = false;
        try {
            Outcome o = runSession(settings);
            clean = true;
            return o;
        } catch (LeaseLostException e) {
            leaseLost(e);
            throw e;
        } finally {
            releaseLease(clean);
        }
    }

    private Outcome runSession(Settings settings) throws TransportException {
        long started = clock.getAsLong();
        runNo = store.runStarted(id, ProcessHandle.current().pid(), started);
        loadJournal();
        journal("start", null, "paper run " + runNo + " (profile " + PaperEngine.PROFILE.profile() + ", seed " + deployment.seed()
                + ", config " + plan.shortHash() + ", capital " + fmt(capital()) + " USDC)");
        say("paper " + id + ": run " + runNo + " started (config " + plan.shortHash() + ", " + plan.coins() + " " + interval.code() + ")");
        warmUp();
        process();
        String reason = "bounded";
        while (true) {
            loopStart(); // lease first: a runner whose deployment was taken over journals no more orders
            if (stops.requested(id)) {
                reason = halt(stops.flatten(id).orElse(false));
                break;
            }
            if (bounded(settings, started)) {
                break;
            }
            feedNotices();
            unit(() -> {
                if (barDue() && !newBars().isEmpty()) {
                    process();
                }
                store.heartbeat(id, runNo, clock.getAsLong());
            });
            if (stops.requested(id) || bounded(settings, started)) {
                continue;
            }
            if (!pause(settings)) {
                reason = "interrupted";
                break;
            }
        }
        store.runEnded(id, runNo, clock.getAsLong(), reason);
        journal("end", null, "run " + runNo + " ended: " + reason);
        say("paper " + id + ": run " + runNo + " ended (" + reason + "): " + liveBars + " live bars, " + orders + " orders, " + fills
                + " fills");
        return new Outcome(reason, liveBars, orders, fills, List.copyOf(discrepancies));
    }

    /**
     * Stops a paper deployment whose runner is not running: brings the journal up to the recorded
     * candles, then stops (and flattens) exactly as a running runner would.
     */
    public String stopOffline(boolean flatten) {
        loadJournal();
        process();
        return halt(flatten);
    }

    /** What the journal already holds of this deployment: its orders, fills, risk events and decisions. */
    private void loadJournal() {
        states = new StrategyStates(store, id, clock);
        for (LiveStore.OrderRow o : store.orders(id)) {
            journaled.put(o.orderId(), o);
        }
        for (LiveStore.FillRow f : store.fills(id)) {
            fillKeys.add(f.fillKey());
            fillsByKey.put(f.fillKey(), f);
        }
        riskCount = store.riskEvents(id).size();
        decisionCount = (int) store.journal(id).stream().filter(e -> e.kind().equals("decision")).count();
    }

    private boolean barDue() {
        long now = clock.getAsLong();
        for (Coin c : plan.coins()) {
            Long last = lastOpen.get(c);
            if (last == null || now >= last + 2 * interval.millis()) {
                return true;
            }
        }
        return false;
    }

    /** Replays everything recorded and journals what is new. */
    void process() {
        Map<Coin, List<Candle>> candles = store.candles(id, interval);
        PaperEngine.Replay r = PaperEngine.replay(plan, deployment, candles);
        if (r == null) {
            return;
        }
        last = r;
        int bars = candles.values().stream().mapToInt(List::size).max().orElse(0);
        r.strategies().forEach((coin, strategy) -> states.rebuilt(coin, strategy, "rebuilt by replaying " + bars + " recorded bars"));
        BacktestResult res = r.result();
        long lastClose = 0;
        for (List<Candle> cs : candles.values()) {
            lastClose = Math.max(lastClose, cs.get(cs.size() - 1).closeTime());
        }
        final long end = lastClose;
        store.db().batch(() -> {
            if (lease != null) {
                lease.verify(); // same unit of work as the order journaling below: refused, not written, once taken over
            }
            List<TransitionRecord> tr = res.transitions();
            for (int i = decisionCount; i < tr.size(); i++) {
                TransitionRecord t = tr.get(i);
                store.append(id, LiveStore.Entry.of(clock.getAsLong(), t.timeMs(), "decision", null, null, t.coin().name(), null,
                        t.targetNet(), t.price(), t.from() + " -> " + t.to() + " (" + t.reason() + ")"));
            }
            decisionCount = Math.max(decisionCount, tr.size());
            for (TrackedOrder o : res.orders()) {
                journalOrder(o, end);
            }
            List<Fill> fl = res.fills();
            for (int i = 0; i < fl.size(); i++) {
                journalFill("p" + i, fl.get(i));
            }
            List<RiskEvent> re = r.riskEvents();
            for (int i = riskCount; i < re.size(); i++) {
                RiskEvent e = re.get(i);
                store.riskEvent(id, e);
                store.append(id, LiveStore.Entry.of(clock.getAsLong(), e.timeMs(), "risk", null, null, e.coin(), null, null, null,
                        e.rule() + " " + e.action() + ": " + e.reason()));
            }
            riskCount = Math.max(riskCount, re.size());
            states.save();
            int k = res.times().length - 1;
            StringBuilder pos = new StringBuilder();
            for (int c = 0; c < res.coins().size(); c++) {
                pos.append(' ').append(res.coins().get(c).name()).append('=').append(fmtQ(res.position()[c][k]));
            }
            store.append(id, LiveStore.Entry.of(clock.getAsLong(), res.times()[k], "snapshot", null, null, null, null, null,
                    res.equity()[k], String.format(Locale.ROOT, "equity=%s cash=%s pnl=%s%s", fmt(res.equity()[k]), fmt(res.cash()[k]),
                            fmt(res.equity()[k] - capital()), pos)));
        });
    }

    private void journalOrder(TrackedOrder o, long end) {
        OrderStatus st = o.status();
        if (st == OrderStatus.CANCELLED && o.endTime() >= end) {
            st = OrderStatus.OPEN; // closed out only because the replay ended here: still live on the next bar
        }
        String status = st == OrderStatus.PENDING ? "PENDING" : st.name();
        LiveStore.OrderRow prev = journaled.get(o.id());
        var r = o.request();
        LiveStore.OrderRow row = new LiveStore.OrderRow(o.id(), null, null, r.coin().name(), r.side().name(), r.type().name(),
                r.tif().name(), r.size(), nz(r.limitPrice()), nz(r.triggerPrice()), r.reduceOnly(), r.tag(), status, o.filledSize(),
                nz(o.avgFillPrice()), o.decisionTime(), nz(o.decisionPrice()), clock.getAsLong(),
                o.reason().isEmpty() ? (o.rejectCode() == null ? null : o.rejectCode().name()) : o.reason());
        if (prev == null) {
            orders++;
            store.append(id, LiveStore.Entry.of(clock.getAsLong(), o.decisionTime(), "order", o.id(), null, r.coin().name(),
                    r.side().name(), r.size(), nz(o.decisionPrice()), r.type() + " " + r.side() + " tag=" + r.tag()
                            + " reduceOnly=" + r.reduceOnly()));
        } else if (prev.status().equals(status) && Math.abs(prev.filled() - o.filledSize()) < 1e-12) {
            return;
        } else if (isTerminal(prev.status())) {
            discrepancy("paper order " + o.id() + " was journaled " + prev.status() + " but the replay now says " + status);
            return;
        }
        if (!status.equals("PENDING") && !status.equals("OPEN") || prev == null || !prev.status().equals(status)) {
            store.append(id, LiveStore.Entry.of(clock.getAsLong(), o.endTime() >= 0 ? o.endTime() : o.arrivalTime(),
                    status.toLowerCase(Locale.ROOT), o.id(), null, r.coin().name(), null, o.filledSize(), nz(o.avgFillPrice()),
                    row.reason()));
        }
        store.upsertOrder(id, row);
        journaled.put(o.id(), row);
    }

    private static boolean isTerminal(String s) {
        return s.equals("FILLED") || s.equals("CANCELLED") || s.equals("REJECTED");
    }

    private void journalFill(String key, Fill f) {
        LiveStore.FillRow row = new LiveStore.FillRow(key, f.orderId(), f.coin().name(), f.side().name(), f.timeMs(), f.price(),
                f.size(), f.fee(), f.maker(), f.liquidation());
        LiveStore.FillRow prev = fillsByKey.get(key);
        if (prev != null) {
            if (prev.timeMs() != row.timeMs() || prev.price() != row.price() || prev.size() != row.size()
                    || !java.util.Objects.equals(prev.orderId(), row.orderId())) {
                discrepancy("paper fill " + key + " was journaled " + prev.size() + " @ " + prev.price() + " (order " + prev.orderId()
                        + ") but the replay now gives " + row.size() + " @ " + row.price() + " (order " + row.orderId() + ")");
            }
            return;
        }
        if (!fillKeys.add(key)) {
            return;
        }
        fills++;
        fillsByKey.put(key, row);
        store.insertFill(id, row);
        store.append(id, LiveStore.Entry.of(clock.getAsLong(), f.timeMs(), "fill", f.orderId(), null, f.coin().name(),
                f.side().name(), f.size(), f.price(), String.format(Locale.ROOT, "key=%s fee=%.6f maker=%s forced=%s", key, f.fee(),
                        f.maker(), f.liquidation())));
    }

    /** Stops: with flatten, closes paper positions at the last close (taker fee of the profile). */
    private String halt(boolean flatten) {
        StringBuilder report = new StringBuilder("stopped");
        if (flatten && last != null) {
            BacktestResult res = last.result();
            int k = res.times().length - 1;
            long nextId = journaled.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
            double takerBp = PaperEngine.PROFILE.fees().takerBp();
            for (int c = 0; c < res.coins().size(); c++) {
                double pos = res.position()[c][k];
                if (pos == 0) {
                    continue;
                }
                Coin coin = res.coins().get(c);
                double px = res.mark()[c][k];
                double size = Math.abs(pos);
                String side = pos > 0 ? "SELL" : "BUY";
                long now = clock.getAsLong();
                long oid = nextId++;
                LiveStore.OrderRow row = new LiveStore.OrderRow(oid, null, null, coin.name(), side, "MARKET", "IOC", size, null, null,
                        true, "flatten", "FILLED", size, px, now, px, now, "stop --flatten");
                store.upsertOrder(id, row);
                store.insertFill(id, new LiveStore.FillRow("flatten-" + coin.name(), oid, coin.name(), side, now, px, size,
                        size * px * takerBp / 10_000, false, true));
                store.append(id, LiveStore.Entry.of(now, now, "fill", oid, null, coin.name(), side, size, px,
                        "key=flatten-" + coin.name() + " paper flatten at the last close"));
                report.append(", flattened ").append(coin.name()).append(' ').append(fmtQ(pos)).append(" at ").append(fmtQ(px));
            }
        }
        long now = clock.getAsLong();
        store.setStatus(id, "stopped", now, flatten ? "stop --flatten" : "stop");
        store.stopDone(id, now, report.toString());
        journal("stop", null, report.toString());
        return flatten ? "stopped (flattened)" : "stopped";
    }

    private static Double nz(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
