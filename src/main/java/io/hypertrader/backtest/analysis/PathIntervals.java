package io.hypertrader.backtest.analysis;

import java.util.Map;

import io.hypertrader.sim.model.FundingHistory;

import io.hypertrader.core.Instrument;

import io.hypertrader.core.Coin;

import io.hypertrader.core.CandleSeries;

import io.hypertrader.analytics.PathInterval;
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
     * @param series  the run's candles; {@code funding}, {@code grids}, {@code detail} as the run had them
     * @param main    the run under {@code sim}'s own path mode
     */
    public static PathInterval of(StrategyConfig cfg, List<CandleSeries> series, Map<Coin, FundingHistory> funding,
                                  Map<Coin, Instrument> grids, Map<Coin, CandleSeries> detail, SimConfig sim, long seed,
                                  BacktestResult main) {
        // The other modes are independent runs: side by side on the common pool (two at a time on two
        // cores), collected in the simulator's order of modes, so the result does not depend on timing.
        List<BacktestResult> results = java.util.Arrays.stream(PathMode.values()).parallel()
                .map(mode -> mode == sim.path() ? main
                        : FibBacktest.runWithDetail(cfg, series, funding, grids, sim.withPath(mode), seed, detail))
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
