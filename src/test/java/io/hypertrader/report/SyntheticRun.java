package io.hypertrader.report;

import io.hypertrader.analytics.AnalysisOptions;
import io.hypertrader.analytics.CostTotals;
import io.hypertrader.analytics.CycleOutcome;
import io.hypertrader.analytics.Drawdowns;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.MetricsCalculator;
import io.hypertrader.analytics.PerformanceInput;
import io.hypertrader.analytics.RoundTrip;
import io.hypertrader.analytics.CycleTrade;
import io.hypertrader.analytics.PathInterval;
import io.hypertrader.analytics.RunAnalysis;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Side;
import io.hypertrader.core.Interval;
import io.hypertrader.testdata.Fixtures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test fixture: real BTC-USD hourly candles with a fake but coherent run on top. A crude
 * close-only hedge state machine decides the legs per bar, equity compounds the net exposure's
 * returns minus costs, and fills, orders and cycles follow from the state changes. It is not the
 * strategy (that is the engine's job); it only gives the report realistic shapes to draw.
 */
final class SyntheticRun {
    static final double[] RATIOS = {0.236, 0.382, 0.5, 0.618};

    private SyntheticRun() {
    }

    /** The first {@code bars} real hourly BTC candles of the project's fixture (at most its 2000). */
    static CandleSeries btcHourly(int bars) {
        return Fixtures.btcHourlyFirst(Math.min(bars, Fixtures.BTC_1H_FIRST_ROWS));
    }

    static ReportData build(CandleSeries c, long seed) {
        return build(c, seed, "coinbase");
    }

    /**
     * The fixture run with its candles labelled {@code source}; its path interval has four made-up
     * outcomes around the run's own (high-first 1.6 times it), so the report shows the disagreement.
     */
    static ReportData build(CandleSeries c, long seed, String source) {
        int n = c.size();
        SplittableRandom rng = new SplittableRandom(seed);
        long[] time = new long[n];
        double[] equity = new double[n], longN = new double[n], shortN = new double[n], net = new double[n];
        double[] px = c.closes();
        List<ReportData.Fill> fills = new ArrayList<>();
        List<ReportData.Order> orders = new ArrayList<>();
        List<ReportData.Cycle> cycles = new ArrayList<>();
        List<CycleOutcome> outcomes = new ArrayList<>();
        List<RoundTrip> trips = new ArrayList<>();
        double fees = 0, slippage = 0, traded = 0;

        double eq = 10_000, longF = 0, shortF = 0, q = 0;
        double entry = 0, high = 0, low = 0, eqAtStart = 0;
        long start = 0;
        int state = 0; // 0 flat, 1 full, 2 hedged, 3 scaled, 4 deep
        int seq = 0;
        for (int i = 0; i < n; i++) {
            time[i] = c.closeTime(i) + 1;
            if (i > 0) {
                eq += q * (longF - shortF) * (px[i] - px[i - 1]);
            }
            double tLong = longF, tShort = shortF;
            int next = state;
            if (state == 0 && i >= 50 && i % 24 == 0) {
                next = 1;
                entry = px[i];
                high = px[i];
                q = 0.9 * eq / px[i];
                start = time[i];
                eqAtStart = eq;
            } else if (state >= 1) {
                if (state == 1) {
                    high = Math.max(high, px[i]);
                    low = px[i];
                }
                low = Math.min(low, px[i]);
                double g = high - entry;
                boolean armed = g >= 0.02 * entry;
                if (state == 1 && px[i] < entry * 0.9) {
                    next = 0; // long stop
                } else if (state >= 2 && px[i] >= high) {
                    next = 1; // peak reclaimed: hedge lifted
                } else if (state >= 3 && px[i] >= low + 0.382 * (high - low)) {
                    next = 1; // reversal
                } else if (armed && px[i] <= high - 0.5 * g) {
                    next = 4;
                } else if (armed && px[i] <= high - 0.382 * g && state < 4) {
                    next = Math.max(state, 3);
                } else if (armed && px[i] <= high - 0.236 * g && state < 3) {
                    next = 2;
                }
            }
            if (next != state) {
                double[][] legs = {{0, 0}, {1, 0}, {0.5, 0.5}, {0.25, 0.5}, {0, 0.25}};
                tLong = legs[next][0];
                tShort = legs[next][1];
                double dq = q * ((tLong - tShort) - (longF - shortF));
                if (dq != 0) {
                    double slipBp = Math.abs(1.5 + rng.nextGaussian() * 1.2);
                    long latency = 40 + (long) (-150 * Math.log(1 - rng.nextDouble()));
                    double price = px[i] * (1 + Math.signum(dq) * slipBp / 10_000);
                    double fee = Math.abs(dq) * price * 0.00045;
                    double slipCost = Math.abs(dq) * px[i] * slipBp / 10_000;
                    eq -= fee + slipCost;
                    fees += fee;
                    slippage += slipCost;
                    traded += Math.abs(dq) * price;
                    String id = "r1-" + (++seq);
                    ReportData.Side side = dq > 0 ? ReportData.Side.BUY : ReportData.Side.SELL;
                    boolean partial = seq % 9 == 0;
                    double filled = partial ? Math.abs(dq) * 0.6 : Math.abs(dq);
                    fills.add(new ReportData.Fill(time[i] + latency, id, side, price, filled, fee, slipBp, latency,
                            false, next == 2 ? "short" : "long"));
                    orders.add(new ReportData.Order(id, time[i], side, "market", Double.NaN, Math.abs(dq), filled,
                            partial ? ReportData.OrderStatus.PARTIALLY_FILLED : ReportData.OrderStatus.FILLED,
                            partial ? "volume cap: 10% of the bar's volume reached" : ""));
                    if (seq % 13 == 0) {
                        orders.add(new ReportData.Order("r1-x" + seq, time[i], side, "limit", px[i], 0.0001, 0,
                                ReportData.OrderStatus.REJECTED, "min notional: order value "
                                + String.format(java.util.Locale.ROOT, "%.2f", 0.0001 * px[i]) + " USDC < 10 USDC"));
                    }
                }
                boolean cycleEnds = state >= 1 && (next == 0 || (next == 1 && state >= 2));
                if (cycleEnds) {
                    closeCycle(cycles, outcomes, trips, start, time[i], entry, high, q, eq - eqAtStart,
                            next == 0 ? "long stop" : px[i] >= high ? "hedge lifted" : "reversal", true);
                    if (next == 1) {
                        entry = px[i];
                        high = px[i];
                        q = 0.9 * eq / px[i];
                        start = time[i];
                        eqAtStart = eq;
                    }
                }
                state = next;
                longF = tLong;
                shortF = tShort;
            }
            equity[i] = eq;
            longN[i] = q * longF * px[i];
            shortN[i] = q * shortF * px[i];
            net[i] = longN[i] - shortN[i];
        }
        if (state >= 1) {
            closeCycle(cycles, outcomes, trips, start, time[n - 1], entry, high, q, eq - eqAtStart, "end of data", false);
        }

        double[] bh = new double[n];
        for (int i = 0; i < n; i++) {
            bh[i] = equity[0] * px[i] / px[0];
        }
        CostTotals costs = new CostTotals(fees, 0, slippage, traded);
        Metrics metrics = MetricsCalculator.DEFAULT.compute(new PerformanceInput(c.interval(), time, equity, px, net,
                trips, outcomes, costs), AnalysisOptions.single(seed));
        ReportData.Curves curves = new ReportData.Curves(time, equity, bh, Drawdowns.series(equity),
                Drawdowns.series(bh), longN, shortN, net);
        LinkedHashMap<String, String> manifest = new LinkedHashMap<>();
        manifest.put("run id", "synthetic-" + seed);
        manifest.put("strategy", "fib-hedge (test fixture, not the engine)");
        manifest.put("config", "strategy:\n  name: fib-hedge\n  levels: {hedge: 0.236, scale: 0.382, deep: 0.5}\n"
                + "sizing: {leverage: 1, cashReserve: 0.10}\n");
        manifest.put("config hash", "sha256:" + "0123456789abcdef".repeat(4));
        manifest.put("seed", Long.toString(seed));
        manifest.put("data", "BTC 1h, " + n + " bars, coinbase-btcusd-1h-2017-2019.csv");
        manifest.put("code version", "test");
        List<CycleTrade> trades = new ArrayList<>();
        List<Fill> coreFills = new ArrayList<>();
        for (int i = 0; i < cycles.size(); i++) {
            ReportData.Cycle cy = cycles.get(i);
            CycleOutcome o = outcomes.get(i);
            double[] ex = CycleTrade.excursions(c.openTimes(), c.highs(), c.lows(), c.interval().millis(), cy.startTime(),
                    cy.endTime(), cy.entry(), true);
            trades.add(new CycleTrade("BTC", cy.index(), "bull", cy.startTime(), cy.endTime(), o.quantity(), cy.entry(),
                    cy.extreme(), o.netPnl(), o.capture(), ex[0], ex[1], "HEDGED", o.endReason(), o.complete()));
        }
        for (int i = 0; i < fills.size(); i++) {
            ReportData.Fill f = fills.get(i);
            coreFills.add(new Fill(i, Coin.of("BTC"), f.side() == ReportData.Side.BUY ? Side.BUY : Side.SELL, f.time(),
                    f.price(), f.quantity(), f.fee(), f.maker(), f.price(), f.quantity() * f.price() * f.slippageBp() / 1e4,
                    false));
        }
        double pos = 0;
        for (Fill f : coreFills) {
            pos += f.signedSize();
        }
        LinkedHashMap<String, Double> weights = new LinkedHashMap<>();
        weights.put("BTC", 1.0);
        RunAnalysis analysis = RunAnalysis.of(new PerformanceInput(c.interval(), time, equity, px, net, trips, outcomes,
                costs), trades, coreFills, weights, java.util.Map.of("BTC", pos * px[n - 1]));
        double fin = equity[n - 1], dd = metrics.drawdown().maxDrawdown();
        PathInterval pi = new PathInterval("bullish-low-first", List.of(
                new PathInterval.Outcome("bullish-low-first", fin, fin / equity[0] - 1, dd, "a".repeat(64)),
                new PathInterval.Outcome("high-first", fin * 1.6, fin * 1.6 / equity[0] - 1, dd * 0.8, "b".repeat(64)),
                new PathInterval.Outcome("low-first", fin * 0.9, fin * 0.9 / equity[0] - 1, dd * 1.1, "c".repeat(64)),
                new PathInterval.Outcome("worst-case", fin * 0.7, fin * 0.7 / equity[0] - 1, dd * 1.2, "d".repeat(64))));
        LinkedHashMap<String, String> sources = new LinkedHashMap<>();
        sources.put("BTC", source);
        return new ReportData("synthetic-" + seed, "fib-hedge BTC 1h (synthetic)", manifest, c, curves, fills, orders,
                cycles, metrics, analysis, pi, sources);
    }

    private static void closeCycle(List<ReportData.Cycle> cycles, List<CycleOutcome> outcomes, List<RoundTrip> trips,
                                   long start, long end, double entry, double high, double q, double pnl,
                                   String reason, boolean complete) {
        List<ReportData.Level> levels = new ArrayList<>();
        for (double r : RATIOS) {
            levels.add(new ReportData.Level(r, high - r * (high - entry)));
        }
        cycles.add(new ReportData.Cycle(cycles.size() + 1, start, end, entry, high, levels));
        outcomes.add(new CycleOutcome(start, end, q, entry, high, pnl, 0.236, complete, reason));
        if (complete) {
            trips.add(new RoundTrip(start, end, pnl));
        }
    }
}
