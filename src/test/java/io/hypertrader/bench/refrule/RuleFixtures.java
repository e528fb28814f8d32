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

    /** Every implementation's result, in the bench's order (plain loop first). */
    static Map<String, ReferenceRule.Result> runAll(CandleSeries candles) {
        Map<String, ReferenceRule.Result> out = new LinkedHashMap<>();
        for (ReferenceRuleBench.Implementation impl : ReferenceRuleBench.implementations(candles)) {
            out.put(impl.name(), impl.run().get());
        }
        return out;
    }
}
