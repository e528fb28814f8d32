package io.hypertrader.backtest;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.testdata.Fixtures;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Manual timing probe, not a test: the cost of the risk manager on the replay path. main(iterations)
 * runs the shipped config over the last 5000 real BTC 1h candles (realistic profile), alternating a
 * bare run and one behind limits that never act (so both take the identical path), and prints the
 * median time of each. A second argument {@code bare} or {@code guarded} times only that kind (one
 * JVM per kind, so neither shares its call sites' profile with the other).
 */
public final class RiskTimingProbe {
    public static void main(String[] args) {
        CandleSeries s = Fixtures.btcHourlyLast(5000);
        StrategyConfig cfg = ConfigLoader.load(Path.of("config/fib-hedge.yaml"));
        RiskLimits quiet = new RiskLimits(100, 100, 0.99, 0.99, 5, 1e12, 30, Double.POSITIVE_INFINITY);
        int iters = Integer.parseInt(args.length > 0 ? args[0] : "400");
        String only = args.length > 1 ? args[1] : "both";
        SimConfig sim = SimConfig.REALISTIC;
        long[] bare = new long[iters];
        long[] guarded = new long[iters];
        double sink = 0;
        for (int i = -iters / 4; i < iters; i++) { // the first quarter warms up
            long seed = 1 + Math.floorMod(i, 7);
            long t0 = System.nanoTime();
            BacktestResult a = only.equals("guarded") ? null : FibBacktest.run(cfg, List.of(s), Map.of(), Map.of(), sim, seed, null);
            long t1 = System.nanoTime();
            BacktestResult b = only.equals("bare") ? a : FibBacktest.run(cfg, List.of(s), Map.of(), Map.of(), sim, seed, quiet);
            long t2 = System.nanoTime();
            a = a == null ? b : a;
            if (!a.eventLogSha256().equals(b.eventLogSha256()) || !b.riskEvents().isEmpty()) {
                throw new IllegalStateException("limits acted: the runs differ");
            }
            sink += a.summary().finalEquity() + b.summary().finalEquity();
            if (i >= 0) {
                bare[i] = t1 - t0;
                guarded[i] = t2 - t1;
            }
        }
        double mb = median(bare) / 1e3;
        double mg = median(guarded) / 1e3;
        if (!only.equals("both")) {
            System.out.printf("5000 candles, realistic, %d runs: %s median %.0f us (%s)%n", iters, only,
                    only.equals("bare") ? mb : mg, sink > 0);
            return;
        }
        System.out.printf("5000 candles, realistic, %d runs each: bare %.0f us, guarded %.0f us, overhead %+.1f%% (%s)%n",
                iters, mb, mg, 100 * (mg / mb - 1), sink > 0);
    }

    private static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }
}
