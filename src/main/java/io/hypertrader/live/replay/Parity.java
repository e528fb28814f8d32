package io.hypertrader.live.replay;

import io.hypertrader.core.Fill;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.store.LiveStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parity between what a deployment did and what the backtester does with the candles the
 * deployment recorded (same config, seed, profile and risk limits): orders are paired in decision
 * order and compared on coin, side, type, size, reduce-only, tag and (paper) decision time; fills
 * in time order on order, time, price, size and fee. Orders of the stop's flatten are not part of
 * the strategy's run and are left out. Paper trades in real time at live prices, so its list says
 * where the live stream and the bar path of its recorded candles part; a live run's list says how
 * the exchange differed from the simulator.
 */
public final class Parity {

    private Parity() {
    }

    /** The comparison's outcome: counts and one line per difference. */
    public record Report(int journaledOrders, int replayedOrders, int journaledFills, int replayedFills, List<String> differences) {
        public boolean identical() {
            return differences.isEmpty();
        }
    }

    private static final double REL = 1e-9;

    public static Report compare(LiveStore store, LiveStore.Deployment d, TradingPlan plan) {
        var candles = store.candles(d.id(), plan.interval());
        PaperEngine.Replay r = PaperEngine.replay(plan, d, candles); // from the deployment's capital, sized under its cap, as it ran
        return diff(store, d, r == null ? List.of() : r.result().orders(), r == null ? List.of() : r.result().fills());
    }

    /**
     * The deployment against the replay of its recorded live stream ({@link StreamReplay}: the
     * price points its runner acted on, through the same kernel and simulator), compared the same
     * way; null when the deployment recorded no stream (one from before this version).
     */
    public static StreamReport compareStream(LiveStore store, LiveStore.Deployment d, TradingPlan plan) {
        StreamReplay.Result r = StreamReplay.replay(store, d, plan);
        return r == null ? null : new StreamReport(r.points(), r.bars(), r.settlements(), diff(store, d, r.orders(), r.fills()));
    }

    /** The stream replay's comparison, with what it replayed. */
    public record StreamReport(int points, int bars, int settlements, Report report) {
    }

    private static Report diff(LiveStore store, LiveStore.Deployment d, List<TrackedOrder> replayed, List<Fill> replayedFills) {
        List<LiveStore.OrderRow> journaled = store.orders(d.id()).stream().filter(o -> !"flatten".equals(o.tag())).toList();
        List<LiveStore.FillRow> fills = store.fills(d.id()).stream().filter(f -> !f.fillKey().startsWith("flatten")).toList();
        boolean paper = d.stage() == LiveStore.Stage.PAPER;
        List<String> diffs = new ArrayList<>();
        int n = Math.max(journaled.size(), replayed.size());
        for (int i = 0; i < n; i++) {
            LiveStore.OrderRow j = i < journaled.size() ? journaled.get(i) : null;
            TrackedOrder b = i < replayed.size() ? replayed.get(i) : null;
            if (j == null) {
                diffs.add(String.format(Locale.ROOT, "order #%d: only in the backtest: %s %s %s %s tag=%s at %d", i + 1,
                        b.request().coin(), b.request().side(), b.request().type(), q(b.request().size()), b.request().tag(), b.decisionTime()));
                continue;
            }
            if (b == null) {
                diffs.add(String.format(Locale.ROOT, "order #%d: only in the deployment: %s %s %s %s tag=%s at %d (id %d)", i + 1,
                        j.coin(), j.side(), j.type(), q(j.size()), j.tag(), j.decisionMs(), j.orderId()));
                continue;
            }
            List<String> f = new ArrayList<>();
            var req = b.request();
            if (!j.coin().equals(req.coin().name())) {
                f.add("coin " + j.coin() + " vs " + req.coin());
            }
            if (!j.side().equals(req.side().name())) {
                f.add("side " + j.side() + " vs " + req.side());
            }
            if (!j.type().equals(req.type().name())) {
                f.add("type " + j.type() + " vs " + req.type());
            }
            if (!same(j.size(), req.size())) {
                f.add("size " + q(j.size()) + " vs " + q(req.size()));
            }
            if (j.reduceOnly() != req.reduceOnly()) {
                f.add("reduceOnly " + j.reduceOnly() + " vs " + req.reduceOnly());
            }
            if (!String.valueOf(j.tag()).equals(req.tag())) {
                f.add("tag " + j.tag() + " vs " + req.tag());
            }
            if (paper && j.decisionMs() != b.decisionTime()) {
                f.add("decided at " + j.decisionMs() + " vs " + b.decisionTime());
            }
            if (!f.isEmpty()) {
                diffs.add("order #" + (i + 1) + " (id " + j.orderId() + " vs " + b.id() + "): " + String.join(", ", f));
            }
        }
        int m = Math.max(fills.size(), replayedFills.size());
        for (int i = 0; i < m; i++) {
            LiveStore.FillRow j = i < fills.size() ? fills.get(i) : null;
            Fill b = i < replayedFills.size() ? replayedFills.get(i) : null;
            if (j == null) {
                diffs.add(String.format(Locale.ROOT, "fill #%d: only in the backtest: order %d %s %s @ %s at %d", i + 1, b.orderId(),
                        b.side(), q(b.size()), q(b.price()), b.timeMs()));
                continue;
            }
            if (b == null) {
                diffs.add(String.format(Locale.ROOT, "fill #%d: only in the deployment: order %d %s %s @ %s at %d", i + 1, j.orderId(),
                        j.side(), q(j.size()), q(j.price()), j.timeMs()));
                continue;
            }
            List<String> f = new ArrayList<>();
            if (paper && (j.orderId() == null || j.orderId() != b.orderId())) {
                f.add("order " + j.orderId() + " vs " + b.orderId());
            }
            if (!same(j.price(), b.price())) {
                f.add("price " + q(j.price()) + " vs " + q(b.price()) + String.format(Locale.ROOT, " (%+.2f bp)",
                        1e4 * (j.price() / b.price() - 1)));
            }
            if (!same(j.size(), b.size())) {
                f.add("size " + q(j.size()) + " vs " + q(b.size()));
            }
            if (!same(j.fee(), b.fee())) {
                f.add("fee " + q(j.fee()) + " vs " + q(b.fee()));
            }
            if (paper && j.timeMs() != b.timeMs()) {
                f.add("time " + j.timeMs() + " vs " + b.timeMs());
            }
            if (!f.isEmpty()) {
                diffs.add("fill #" + (i + 1) + " (" + j.fillKey() + "): " + String.join(", ", f));
            }
        }
        return new Report(journaled.size(), replayed.size(), fills.size(), replayedFills.size(), List.copyOf(diffs));
    }

    private static boolean same(double a, double b) {
        return a == b || Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b));
    }

    private static String q(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }
}
