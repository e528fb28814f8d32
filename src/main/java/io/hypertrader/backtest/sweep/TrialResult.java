package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.CostTotals;
import io.hypertrader.analytics.CycleOutcome;
import io.hypertrader.analytics.RoundTrip;

import java.util.List;

/**
 * One finished trial: its index in the sweep, its spec, its figures and, when the caller asked for
 * them, its curve (Monte Carlo fan charts and walk-forward stitching need the equity marks).
 *
 * @param index  position in the sweep's trial list (results are ordered by it)
 * @param curve  marks, equity and the rest of the performance input, or null when not kept
 */
public record TrialResult(int index, TrialSpec spec, TrialMetrics metrics, Curve curve) {

    /**
     * The evaluated marks of a trial (see {@link io.hypertrader.backtest.analysis.RunAdapter}): times
     * (first bar open, then bar closes), equity, the coin's price and the net exposure at them, and
     * what the metrics were computed from besides.
     */
    public record Curve(long[] time, double[] equity, double[] price, double[] netExposure, List<RoundTrip> trades,
                        List<CycleOutcome> cycles, CostTotals costs) {
        public Curve {
            trades = List.copyOf(trades);
            cycles = List.copyOf(cycles);
        }
    }
}
