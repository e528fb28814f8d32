package io.hypertrader.backtest.analysis;

import io.hypertrader.analytics.PathInterval;
import io.hypertrader.backtest.BacktestJob;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.FibBacktest;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a backtest's config under every intrabar path mode and collects the {@link PathInterval}.
 * The run itself is one of them (its result is reused, not re-run); the other three replay the
 * same candles, funding, grids, simulator profile and seed with only the path mode changed. Each
 * is an ordinary deterministic backtest (under a millisecond warm for 5000 bars), so the interval
 * is the same bytes every time and costs about three backtests.
 */
public final class PathIntervals {
    private PathIntervals() {
    }

    /**
     * @param main the run under {@code sim}'s own path mode
     */
    public static PathInterval of(StrategyConfig cfg, BacktestJob.Inputs in, SimConfig sim, long seed, BacktestResult main) {
        // The other modes are independent runs: side by side on the common pool (two at a time on two
        // cores), collected in the simulator's order of modes, so the result does not depend on timing.
        List<BacktestResult> results = java.util.Arrays.stream(PathMode.values()).parallel()
                .map(mode -> mode == sim.path() ? main
                        : FibBacktest.runWithDetail(cfg, in.series(), in.funding(), in.grids(), sim.withPath(mode), seed, in.detail()))
                .toList();
        List<PathInterval.Outcome> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            BacktestResult r = results.get(i);
            BacktestResult.Summary s = r.summary();
            out.add(new PathInterval.Outcome(PathMode.values()[i].label(), s.finalEquity(), s.totalReturn(),
                    s.maxDrawdown(), r.eventLogSha256()));
        }
        return new PathInterval(sim.path().label(), out);
    }
}
