package io.hypertrader.backtest.analysis;

import io.hypertrader.analytics.AnalysisOptions;
import io.hypertrader.analytics.CostTotals;
import io.hypertrader.analytics.CycleOutcome;
import io.hypertrader.analytics.CycleTrade;
import io.hypertrader.analytics.Drawdowns;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.MetricsCalculator;
import io.hypertrader.analytics.PathInterval;
import io.hypertrader.analytics.PerformanceInput;
import io.hypertrader.analytics.RoundTrip;
import io.hypertrader.analytics.RunAnalysis;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Interval;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.report.ReportData;
import io.hypertrader.strategy.CycleRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The one adapter from a {@link BacktestResult} to what analytics and the report read: a {@link
 * PerformanceInput} (hence {@link Metrics}) and a {@link ReportData}.
 *
 * <p><b>Marks.</b> The engine records each replay step after its bars closed, stamped with the bars'
 * <i>open</i> time. A mark here is stamped at the bar's close, {@code open + interval}, and one
 * extra first mark at the first bar's open carries the equity before anything traded (the initial
 * capital), so {@code n} bars give {@code n + 1} marks and {@code n} returns.
 *
 * <p><b>Evaluation window.</b> With {@code evaluateFromMs} set (walk-forward: bars before it are
 * warm-up history the strategy needs, not part of the evaluation), marks start at the first step
 * opening at or after it, with the equity and position recorded just before it.
 *
 * <p><b>Round trips.</b> The engine records no trades, so they are derived: for a strategy with
 * cycles (given {@link CycleLevels}), each completed cycle is one round trip with the cycle's net
 * P&amp;L after fees, slippage and funding (the strategy's unit of decision). Without cycles, a round
 * trip runs from a flat net position per coin back to flat (a fill that flips the position closes
 * one and opens the next, its size and fee split pro rata); its P&amp;L is realised price P&amp;L minus
 * fees; funding is not attributed to round trips (it is in equity and the cost totals).
 *
 * <p><b>Buy and hold.</b> The traded coin's price at the marks; for several coins, an equal-weight
 * index of each coin's price relative to its first price. The report's fills, orders, cycles, trade
 * list and per-coin table hold every coin (named); its candle chart draws the first coin's.
 *
 * <p><b>One file (about 480 lines).</b> Every part (round trips, marks, buy and hold, per-coin rows)
 * reads the same run columns in one pass, in the order the report needs them.
 */
public final class RunAdapter {
    private final BacktestResult r;
    private final List<CandleSeries> candles;
    private final Map<Coin, CycleLevels> levels;
    private final Interval interval;
    private final long barMs;
    private final int k0;
    private final int marks;
    private final long[] time;
    private final double[] equity;
    private final double[] bench;
    private final double[] netN;
    private final long fromMs;
    private final List<CycleRecord> cycleRecords = new ArrayList<>();
    private final List<CycleOutcome> outcomes = new ArrayList<>();

    /**
     * @param result          the backtest result
     * @param candles         the series it replayed, in the order of {@link BacktestResult#coins()}
     * @param levels          the cycle levels per coin (empty for a strategy without cycles)
     * @param evaluateFromMs  first bar open time to evaluate ({@link Long#MIN_VALUE} = all)
     */
    public RunAdapter(BacktestResult result, List<CandleSeries> candles, Map<Coin, CycleLevels> levels,
                      long evaluateFromMs) {
        this.r = Objects.requireNonNull(result, "result");
        this.candles = List.copyOf(candles);
        this.levels = Map.copyOf(levels);
        this.fromMs = evaluateFromMs;
        if (this.candles.size() != r.coins().size()) {
            throw new IllegalArgumentException("one candle series per coin expected: " + r.coins().size()
                    + " coins, " + this.candles.size() + " series");
        }
        for (int c = 0; c < this.candles.size(); c++) {
            if (!this.candles.get(c).coin().equals(r.coins().get(c))) {
                throw new IllegalArgumentException("series " + c + " is " + this.candles.get(c).coin() + ", the run's coin "
                        + c + " is " + r.coins().get(c));
            }
        }
        this.interval = this.candles.get(0).interval();
        this.barMs = interval.millis();
        long[] times = r.times();
        int m = times.length;
        int k = 0;
        while (k < m && times[k] < evaluateFromMs) {
            k++;
        }
        if (m == 0 || k == m) {
            throw new IllegalArgumentException("the run has no bars to evaluate" + (m == 0 ? "" : " at or after " + evaluateFromMs));
        }
        this.k0 = k;
        this.marks = m - k0 + 1;
        time = new long[marks];
        equity = new double[marks];
        bench = new double[marks];
        netN = new double[marks];
        fillMarks();
        collectCycles();
    }

    /** The adapter over the whole run (no warm-up excluded). */
    public RunAdapter(BacktestResult result, List<CandleSeries> candles, Map<Coin, CycleLevels> levels) {
        this(result, candles, levels, Long.MIN_VALUE);
    }

    private void fillMarks() {
        long[] times = r.times();
        int n = r.coins().size();
        time[0] = times[k0];
        equity[0] = k0 == 0 ? r.summary().initialEquity() : r.equity()[k0 - 1];
        double[] first = new double[n];
        for (int c = 0; c < n; c++) {
            first[c] = firstPrice(c);
        }
        if (k0 > 0) {
            exposure(0, k0 - 1);
        }
        bench[0] = n == 1 ? first[0] : 1.0;
        for (int j = 1; j < marks; j++) {
            int k = k0 + j - 1;
            time[j] = times[k] + barMs;
            equity[j] = r.equity()[k];
            exposure(j, k);
            if (n == 1) {
                bench[j] = r.mark()[0][k] > 0 ? r.mark()[0][k] : bench[j - 1];
            } else {
                double s = 0;
                for (int c = 0; c < n; c++) {
                    double p = r.mark()[c][k];
                    s += p > 0 ? p / first[c] : 1.0;
                }
                bench[j] = s / n;
            }
        }
    }

    /** Price of coin c at the start of the evaluation: the open of its first bar at or after the start. */
    private double firstPrice(int c) {
        CandleSeries s = candles.get(c);
        long t0 = r.times()[k0];
        for (int i = 0; i < s.size(); i++) {
            if (s.openTime(i) >= t0) {
                return s.open(i);
            }
        }
        return s.close(s.size() - 1);
    }

    /** Net exposure at mark j (step k): what the metrics read. The legs are for reports only ({@link #legNotionals}). */
    private void exposure(int j, int k) {
        double net = 0;
        for (int c = 0; c < r.coins().size(); c++) {
            double px = r.mark()[c][k];
            if (px > 0) {
                net += r.position()[c][k] * px;
            }
        }
        netN[j] = net;
    }

    /** Long and short leg notionals at every mark (0 at the first mark of a run evaluated from its start). */
    private double[][] legNotionals() {
        double[] longN = new double[marks];
        double[] shortN = new double[marks];
        for (int j = k0 > 0 ? 0 : 1; j < marks; j++) {
            int k = k0 + j - 1;
            double l = 0, sh = 0;
            for (int c = 0; c < r.coins().size(); c++) {
                double px = r.mark()[c][k];
                if (px > 0) {
                    l += r.longLeg()[c][k] * px;
                    sh += r.shortLeg()[c][k] * px;
                }
            }
            longN[j] = l;
            shortN[j] = sh;
        }
        return new double[][]{longN, shortN};
    }

    private void collectCycles() {
        for (CycleRecord c : r.cycles()) {
            CycleLevels lv = levels.get(c.coin());
            if (lv == null || c.endTime() < fromMs) {
                continue;
            }
            if (!(c.q() > 0 && c.e() > 0 && c.h() > 0 && Double.isFinite(c.pnl()))) {
                continue; // a cycle whose entry never filled has no quantity to measure
            }
            cycleRecords.add(c);
            outcomes.add(new CycleOutcome(c.startTime(), Math.max(c.startTime(), c.endTime()), c.q(), c.e(), c.h(), c.pnl(),
                    lv.hedgeRatio(), c.complete(), c.endReason()));
        }
    }

    /** Equity, price and exposure at the marks, round trips, cycles and cost totals. */
    public PerformanceInput performance() {
        BacktestResult.Summary s = r.summary();
        CostTotals costs = new CostTotals(s.fees(), s.funding(), s.slippage(), s.tradedNotional());
        return new PerformanceInput(interval, time, equity, bench, netN, roundTrips(), outcomes, costs);
    }

    /** All figures, with {@code options} (use the run's seed for the bootstrap). */
    public Metrics metrics(AnalysisOptions options) {
        return MetricsCalculator.DEFAULT.compute(performance(), options);
    }

    /** All figures of a single run: 1000 bootstrap resamples seeded with the run's seed, one trial. */
    public Metrics metrics() {
        return metrics(AnalysisOptions.single(r.seed()));
    }

    /** The derived round trips (see the class comment). */
    public List<RoundTrip> roundTrips() {
        if (!levels.isEmpty()) {
            List<RoundTrip> out = new ArrayList<>();
            for (CycleOutcome c : outcomes) {
                if (c.complete()) {
                    out.add(new RoundTrip(c.startTime(), c.endTime(), c.netPnl()));
                }
            }
            return out;
        }
        return roundTripsFromFills(r.fills(), fromMs);
    }

    /**
     * Round trips from fills by net position per coin: flat to flat; a fill through zero closes the
     * trip with the part that reaches zero and opens the next with the rest (size and fee pro rata).
     * P&amp;L = realised price P&amp;L - fees (funding is not attributed). Fills before {@code fromMs}
     * are ignored.
     */
    public static List<RoundTrip> roundTripsFromFills(List<Fill> fills, long fromMs) {
        Map<Coin, double[]> state = new HashMap<>(); // pos, cash, openTime
        List<RoundTrip> out = new ArrayList<>();
        for (Fill f : fills) {
            if (f.timeMs() < fromMs) {
                continue;
            }
            double[] st = state.computeIfAbsent(f.coin(), c -> new double[]{0, 0, 0});
            double sign = f.side().sign();
            double remaining = f.size();
            while (remaining > 0) {
                double pos = st[0];
                if (pos == 0) {
                    st[2] = f.timeMs();
                }
                boolean closing = pos != 0 && Math.signum(pos) != sign;
                double take = remaining;
                boolean flat = false;
                if (closing && remaining >= Math.abs(pos) * (1 - 1e-9)) {
                    take = Math.min(remaining, Math.abs(pos));
                    flat = true;
                }
                st[1] += -sign * take * f.price() - f.fee() * take / f.size();
                st[0] = flat ? 0 : pos + sign * take;
                remaining = flat && remaining - take <= remaining * 1e-9 ? 0 : remaining - take;
                if (flat) {
                    out.add(new RoundTrip((long) st[2], f.timeMs(), st[1]));
                    st[1] = 0;
                }
            }
        }
        return out;
    }

    /** The completed and open cycles that enter the metrics, in event order (index i is report cycle i + 1). */
    public List<CycleRecord> cycles() {
        return List.copyOf(cycleRecords);
    }

    /**
     * The report of the run.
     *
     * @param runId    run id (folder name)
     * @param title    one-line description
     * @param manifest run manifest in display order
     * @param metrics  the figures, normally {@link #metrics()}
     */
    public ReportData reportData(String runId, String title, SequencedMap<String, String> manifest, Metrics metrics) {
        SequencedMap<String, Double> weights = new LinkedHashMap<>();
        r.coins().forEach(c -> weights.put(c.name(), 1.0 / r.coins().size()));
        return reportData(runId, title, manifest, metrics, weights, null, new LinkedHashMap<>());
    }

    /**
     * The report of the run with its analysis.
     *
     * @param weights      coin to allocation (a portfolio's weights), in display order
     * @param pathInterval the run under every path mode, or null
     * @param dataSources  coin to the source of its candles
     */
    public ReportData reportData(String runId, String title, SequencedMap<String, String> manifest, Metrics metrics,
                                 SequencedMap<String, Double> weights, PathInterval pathInterval,
                                 SequencedMap<String, String> dataSources) {
        return reportData(runId, title, manifest, metrics, analysis(weights), pathInterval, dataSources);
    }

    /** The report of the run with an analysis already computed ({@link #analysis}). */
    public ReportData reportData(String runId, String title, SequencedMap<String, String> manifest, Metrics metrics,
                                 RunAnalysis analysis, PathInterval pathInterval, SequencedMap<String, String> dataSources) {
        CandleSeries series = candles.get(0);
        int from = 0;
        while (from < series.size() && series.openTime(from) < r.times()[k0]) {
            from++;
        }
        CandleSeries shown = from == 0 ? series : series.slice(from, series.size());
        double e0 = equity[0];
        double[] buyHold = new double[marks];
        for (int j = 0; j < marks; j++) {
            buyHold[j] = e0 * bench[j] / bench[0];
        }
        double[][] legs = legNotionals();
        ReportData.Curves curves = new ReportData.Curves(time, equity, buyHold, Drawdowns.series(equity),
                Drawdowns.series(buyHold), legs[0], legs[1], netN);

        Map<Long, TrackedOrder> orders = new HashMap<>();
        for (TrackedOrder o : r.orders()) {
            orders.put(o.id(), o);
        }
        List<ReportData.Fill> fills = new ArrayList<>();
        for (Fill f : r.fills()) {
            if (f.timeMs() < r.times()[k0]) {
                continue;
            }
            TrackedOrder o = orders.get(f.orderId());
            long latency = o == null ? 0 : Math.max(0, f.timeMs() - o.decisionTime());
            double ref = f.arrivalPrice() > 0 ? f.arrivalPrice() : f.price();
            double slipBp = f.size() > 0 ? f.slippageCost() / (f.size() * ref) * 10_000 : 0;
            fills.add(new ReportData.Fill(f.timeMs(), orderId(f.orderId()), side(f.side()), f.price(), f.size(), f.fee(),
                    slipBp, latency, f.maker(), forcedBy(f, o), f.coin().name()));
        }
        // venue orders and the risk manager's refusals (REJECTED, code RISK, the rule and numbers as
        // reason) in decision order: each refused order is one rejected row, counted once
        List<TrackedOrder> placed = new ArrayList<>(r.orders());
        placed.addAll(r.refusedOrders());
        placed.sort(java.util.Comparator.comparingLong(TrackedOrder::decisionTime));
        List<ReportData.Order> orderRows = new ArrayList<>();
        for (TrackedOrder o : placed) {
            if (o.decisionTime() < r.times()[k0]) {
                continue;
            }
            orderRows.add(order(o));
        }
        List<ReportData.Cycle> cycles = new ArrayList<>();
        for (int i = 0; i < cycleRecords.size(); i++) {
            CycleRecord c = cycleRecords.get(i);
            List<ReportData.Level> lv = new ArrayList<>();
            for (double ratio : levels.get(c.coin()).drawn()) {
                lv.add(new ReportData.Level(ratio, c.h() - ratio * (c.h() - c.e())));
            }
            cycles.add(new ReportData.Cycle(i + 1, c.startTime(), Math.max(c.startTime(), c.endTime()), c.e(), c.h(), lv,
                    c.coin().name()));
        }
        return new ReportData(runId, title, manifest, shown, curves, fills, orderRows, cycles, metrics, analysis,
                pathInterval, dataSources);
    }

    /**
     * The analysis of the run (calendar returns, rolling figures, tail risk, drawdowns, the cycles
     * as trades with their excursions, exit reasons, per coin).
     *
     * @param weights coin to allocation, in display order
     */
    public RunAnalysis analysis(SequencedMap<String, Double> weights) {
        List<Fill> fills = new ArrayList<>();
        for (Fill f : r.fills()) {
            if (f.timeMs() >= r.times()[k0]) {
                fills.add(f);
            }
        }
        Map<String, Double> finalValue = new HashMap<>();
        int last = r.times().length - 1;
        for (int c = 0; c < r.coins().size(); c++) {
            double px = r.mark()[c][last];
            finalValue.put(r.coins().get(c).name(), px > 0 ? r.position()[c][last] * px : 0.0);
        }
        return RunAnalysis.of(performance(), cycleTrades(), fills, weights, finalValue);
    }

    /** The cycles that enter the metrics as trades, with their excursions from the candles (report cycle numbers). */
    public List<CycleTrade> cycleTrades() {
        List<CycleTrade> out = new ArrayList<>();
        for (int i = 0; i < cycleRecords.size(); i++) {
            CycleRecord c = cycleRecords.get(i);
            CandleSeries s = candles.get(r.coins().indexOf(c.coin()));
            long end = Math.max(c.startTime(), c.endTime());
            double[] ex = CycleTrade.excursions(s.openTimes(), s.highs(), s.lows(), barMs, c.startTime(), end, c.e(),
                    !"bear".equals(c.thesis()));
            out.add(new CycleTrade(c.coin().name(), i + 1, c.thesis(), c.startTime(), end, c.q(), c.e(), c.h(), c.pnl(),
                    outcomes.get(i).capture(), ex[0], ex[1], c.maxState(), c.endReason(), c.complete()));
        }
        return out;
    }

    private static ReportData.Order order(TrackedOrder o) {
        ReportData.OrderStatus status = switch (o.status()) {
            case FILLED -> ReportData.OrderStatus.FILLED;
            case REJECTED -> ReportData.OrderStatus.REJECTED;
            case CANCELLED -> o.filledSize() > 0 ? ReportData.OrderStatus.PARTIALLY_FILLED : ReportData.OrderStatus.CANCELLED;
            case PENDING, OPEN -> ReportData.OrderStatus.OPEN;
        };
        double price = Double.isNaN(o.request().limitPrice()) ? o.request().triggerPrice() : o.request().limitPrice();
        String reason = o.reason();
        if (o.rejectCode() != null && !reason.startsWith(o.rejectCode().name())) {
            reason = o.rejectCode().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (reason.isEmpty() ? "" : ": " + reason);
        }
        String type = o.request().type().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (o.request().tag().isEmpty() ? "" : " (" + o.request().tag() + ")");
        return new ReportData.Order(orderId(o.id()), o.decisionTime(), side(o.request().side()), type, price,
                o.request().size(), o.filledSize(), status, reason);
    }

    /** Which leg a fill served, from the legs before and after its replay step. */
    private String leg(Fill f) {
        int c = r.coins().indexOf(f.coin());
        long[] times = r.times();
        int k = Arrays.binarySearch(times, f.timeMs());
        if (k < 0) {
            k = -k - 2;
        }
        if (c < 0 || k < 0 || k >= times.length) {
            return "";
        }
        double dLong = r.longLeg()[c][k] - (k > 0 ? r.longLeg()[c][k - 1] : 0);
        double dShort = r.shortLeg()[c][k] - (k > 0 ? r.shortLeg()[c][k - 1] : 0);
        boolean buy = f.side().sign() > 0;
        boolean longLeg = buy ? dLong > 0 : dLong < 0;
        boolean shortLeg = buy ? dShort < 0 : dShort > 0;
        return longLeg && shortLeg ? "long+short" : longLeg ? "long" : shortLeg ? "short" : "";
    }

    private static String orderId(long id) {
        return "o" + id;
    }

    private static ReportData.Side side(io.hypertrader.core.Side s) {
        return s == io.hypertrader.core.Side.BUY ? ReportData.Side.BUY : ReportData.Side.SELL;
    }

    /** Number of marks (bars evaluated + 1). */
    public int marks() {
        return marks;
    }

    /** Mark times (UTC ms): the first bar's open, then each bar's close. Not copied. */
    public long[] markTimes() {
        return time;
    }

    /** Equity at the marks. Not copied. */
    public double[] markEquity() {
        return equity;
    }

    /** A fill's leg, or what forced it: the risk manager's position stop (its order's tag) or a liquidation. */
    private String forcedBy(Fill f, TrackedOrder o) {
        if (!f.liquidation()) {
            return leg(f);
        }
        return o != null && io.hypertrader.risk.RiskGuardedStrategy.RISK_STOP.equals(o.request().tag()) ? "risk-stop" : "liquidation";
    }
}
