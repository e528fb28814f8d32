package io.hypertrader.bench;

import io.hypertrader.analytics.AnalysisOptions;
import io.hypertrader.analytics.CostTotals;
import io.hypertrader.analytics.CycleOutcome;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.MetricsCalculator;
import io.hypertrader.analytics.PerformanceInput;
import io.hypertrader.analytics.RoundTrip;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Fill;
import io.hypertrader.strategy.CycleRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics step of the fib-hedge benchmark: a single-coin {@link BacktestResult} turned into a
 * {@link PerformanceInput} and run through {@link MetricsCalculator#DEFAULT} with a single run's
 * options (1000 bootstrap resamples). Bench-local until the engine ships its own adapter; it
 * builds the same kind of input a report needs, so the time is representative:
 * <ul>
 *   <li>marks: one per bar, at the bar's close time; equity and net exposure (position x mark)
 *       as the replay recorded them; the coin's close as the buy-and-hold price;</li>
 *   <li>round trips: from the fills, a position that leaves zero and returns to it (a fill that
 *       flips the sign is split pro rata, fee included); P&L = sale proceeds - cost - fees
 *       (funding is in the equity curve and the cost totals, not per trade);</li>
 *   <li>cycles: the strategy's cycle records; costs: the run's ledger totals.</li>
 * </ul>
 */
final class BenchMetrics {

    private static final double FLAT = 1e-12;

    private BenchMetrics() {
    }

    static Metrics compute(BacktestResult r, CandleSeries candles, double hedgeRatio) {
        return MetricsCalculator.DEFAULT.compute(input(r, candles, hedgeRatio), AnalysisOptions.single(r.seed()));
    }

    static PerformanceInput input(BacktestResult r, CandleSeries candles, double hedgeRatio) {
        if (r.coins().size() != 1) {
            throw new IllegalArgumentException("single-coin runs only, got " + r.coins());
        }
        int n = r.times().length;
        long barMs = candles.interval().millis();
        long[] time = new long[n];
        double[] price = new double[n];
        double[] exposure = new double[n];
        for (int k = 0; k < n; k++) {
            time[k] = r.times()[k] + barMs - 1;
            price[k] = candles.close(k);
            exposure[k] = r.position()[0][k] * r.mark()[0][k];
        }
        List<CycleOutcome> cycles = new ArrayList<>();
        for (CycleRecord c : r.cycles()) {
            if (c.q() > 0 && c.e() > 0 && c.h() > 0) {
                cycles.add(new CycleOutcome(c.startTime(), Math.max(c.startTime(), c.endTime()), c.q(), c.e(), c.h(),
                        c.pnl(), hedgeRatio, c.complete(), c.endReason()));
            }
        }
        BacktestResult.Summary s = r.summary();
        return new PerformanceInput(candles.interval(), time, r.equity(), price, exposure, roundTrips(r.fills()), cycles,
                new CostTotals(s.fees(), s.funding(), s.slippage(), s.tradedNotional()));
    }

    /** Round trips of one coin's net position from its fills, in fill order. */
    static List<RoundTrip> roundTrips(List<Fill> fills) {
        List<RoundTrip> out = new ArrayList<>();
        double pos = 0;
        double flow = 0; // cash in minus cash out of the open round trip, fees included
        long open = 0;
        for (Fill f : fills) {
            double signed = f.signedSize();
            double feePerUnit = f.fee() / f.size();
            double closing = pos != 0 && Math.signum(signed) != Math.signum(pos) ? Math.min(Math.abs(signed), Math.abs(pos)) : 0;
            if (closing > 0) {
                double part = Math.signum(signed) * closing;
                flow += -part * f.price() - closing * feePerUnit;
                pos += part;
                signed -= part;
                if (Math.abs(pos) <= FLAT) {
                    out.add(new RoundTrip(open, f.timeMs(), flow));
                    pos = 0;
                    flow = 0;
                }
            }
            if (Math.abs(signed) > FLAT) {
                if (pos == 0) {
                    open = f.timeMs();
                }
                flow += -signed * f.price() - Math.abs(signed) * feePerUnit;
                pos += signed;
            }
        }
        return out;
    }
}
