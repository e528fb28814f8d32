package io.hypertrader.analytics;

import io.hypertrader.core.Interval;

import java.util.List;
import java.util.Objects;

/**
 * Everything the metrics are computed from: an equity curve marked once per bar, the traded
 * coin's price at the same marks, the net position, closed round trips, strategy cycles and cost
 * totals. The backtest engine (or a notebook) builds it; {@link MetricsCalculator} reads it. The
 * arrays are validated but not copied (a sweep builds thousands): do not modify them afterwards.
 *
 * @param interval      bar interval of the marks (decides the periods per year)
 * @param time          UTC epoch ms of each mark, strictly ascending (normally each bar's close)
 * @param equity        account equity at each mark in quote currency, marked to market, after all
 *                      costs; the first value must be > 0 (the initial capital)
 * @param benchmarkPrice price of the traded coin at each mark (> 0), for buy and hold
 * @param netExposure   signed net position notional at each mark in quote currency (long - short),
 *                      positive = net long
 * @param trades        closed round trips, in any order
 * @param cycles        strategy cycles (empty for strategies without cycles)
 * @param costs         fee, funding, slippage and traded-notional totals
 */
public record PerformanceInput(Interval interval, long[] time, double[] equity, double[] benchmarkPrice,
                               double[] netExposure, List<RoundTrip> trades, List<CycleOutcome> cycles,
                               CostTotals costs) {
    public PerformanceInput {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(equity, "equity");
        Objects.requireNonNull(benchmarkPrice, "benchmarkPrice");
        Objects.requireNonNull(netExposure, "netExposure");
        int n = time.length;
        if (n < 2) {
            throw new IllegalArgumentException("an equity curve needs at least 2 marks, got " + n);
        }
        if (equity.length != n || benchmarkPrice.length != n || netExposure.length != n) {
            throw new IllegalArgumentException("time, equity, benchmarkPrice and netExposure differ in length: "
                    + n + ", " + equity.length + ", " + benchmarkPrice.length + ", " + netExposure.length);
        }
        for (int i = 0; i < n; i++) {
            if (i > 0 && time[i] <= time[i - 1]) {
                throw new IllegalArgumentException("mark times not strictly ascending at index " + i
                        + " (" + time[i] + " after " + time[i - 1] + ")");
            }
            if (!Double.isFinite(equity[i])) {
                throw new IllegalArgumentException("equity at index " + i + " is " + equity[i]);
            }
            if (!(benchmarkPrice[i] > 0) || Double.isInfinite(benchmarkPrice[i])) {
                throw new IllegalArgumentException("benchmark price at index " + i + " is " + benchmarkPrice[i]);
            }
            if (!Double.isFinite(netExposure[i])) {
                throw new IllegalArgumentException("net exposure at index " + i + " is " + netExposure[i]);
            }
        }
        if (!(equity[0] > 0)) {
            throw new IllegalArgumentException("initial equity must be > 0, got " + equity[0]);
        }
        trades = List.copyOf(trades);
        cycles = List.copyOf(cycles);
        Objects.requireNonNull(costs, "costs");
    }
}
