package io.hypertrader.bench.refrule;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds small candle series by hand and runs every implementation of the reference rule on them. */
final class RuleFixtures {
    private RuleFixtures() {
    }

    /**
     * A 1h series: {@code flatBars} bars at price {@code flat}, then one bar per {high, low, close}
     * triple. Opens are the previous close clipped into the bar's range.
     */
    static CandleSeries series(int flatBars, double flat, double[]... hlc) {
        int n = flatBars + hlc.length;
        long[] t = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        double prev = flat;
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000_000L / Interval.H1.millis() * Interval.H1.millis() + i * Interval.H1.millis();
            if (i < flatBars) {
                h[i] = l[i] = c[i] = flat;
            } else {
                double[] k = hlc[i - flatBars];
                h[i] = k[0];
                l[i] = k[1];
                c[i] = k[2];
                if (!(l[i] <= c[i] && c[i] <= h[i])) {
                    throw new IllegalArgumentException("fixture bar " + i + " close outside [low, high]");
                }
            }
            o[i] = Math.min(h[i], Math.max(l[i], prev));
            v[i] = 1;
            prev = c[i];
        }
        return new CandleSeries(Coin.of("BTC"), Interval.H1, t, o, h, l, c, v);
    }

    /** {high, low, close}. */
    static double[] bar(double high, double low, double close) {
        return new double[] {high, low, close};
    }

    /**
     * Asserts a result's final equity: exact implementations within 1e-9 of {@code exact}; one that
     * rounds buys to a size grid (the engine) within 1e-9 of the plain loop on that grid, and
     * within the grid's bound of {@code exact} (each buy leaves less than one size step uninvested).
     */
    static void assertEquity(String name, ReferenceRule.Result r, double exact, CandleSeries s) {
        org.assertj.core.api.Assertions.assertThat(r.finalEquity()).as(name + " vs the hand-worked figure")
                .isCloseTo(exact, org.assertj.core.api.Assertions.within(gridOf(name) < 0 ? 1e-9 : gridBound(name, s)));
        int grid = gridOf(name);
        if (grid >= 0) {
            double onGrid = PlainLoopReferenceRule.runOnSizeGrid(s.highs(), s.lows(), s.closes(), grid).finalEquity();
            org.assertj.core.api.Assertions.assertThat(r.finalEquity()).as(name + " vs the plain loop on its size grid")
                    .isCloseTo(onGrid, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    /** Size grid of an implementation, -1 for none. */
    static int gridOf(String name) {
        return ReferenceRuleBench.implementations(series(1, 1)).stream().filter(i -> i.name().equals(name))
                .findFirst().orElseThrow().sizeGrid();
    }

    /** Uninvested cash per buy is below one size step at the buy price; the equity loses at most that per fill, grown. */
    private static double gridBound(String name, CandleSeries s) {
        double maxClose = java.util.Arrays.stream(s.closes()).max().orElseThrow();
        return s.size() * Math.pow(10, -gridOf(name)) * maxClose * 2;
    }

    /** Every implementation's result, in the bench's order (plain loop first). */
    static Map<String, ReferenceRule.Result> runAll(CandleSeries candles) {
        Map<String, ReferenceRule.Result> out = new LinkedHashMap<>();
        for (ReferenceRuleBench.Implementation impl : ReferenceRuleBench.implementations(candles)) {
            out.put(impl.name(), impl.run().get());
        }
        return out;
    }
}
