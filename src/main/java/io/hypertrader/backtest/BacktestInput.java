package io.hypertrader.backtest;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a backtest needs besides the strategies: one candle series per coin (same interval),
 * stored funding per coin (missing = none stored), the coins' grids, the simulator parameters,
 * the seed, the starting equity (USDC) and the risk limits.
 *
 * @param risk the account's risk limits: the backtester puts one {@link io.hypertrader.risk.RiskManager}
 *             with them in front of every strategy, exactly as paper and live runs do; null runs the
 *             strategies bare (engine tests and benchmarks of the replay loop alone)
 */
public record BacktestInput(List<CandleSeries> series, Map<Coin, FundingHistory> funding, List<Instrument> instruments,
                            SimConfig sim, long seed, double initialEquity, RiskLimits risk) {

    /** An input without a risk manager. */
    public BacktestInput(List<CandleSeries> series, Map<Coin, FundingHistory> funding, List<Instrument> instruments,
                         SimConfig sim, long seed, double initialEquity) {
        this(series, funding, instruments, sim, seed, initialEquity, null);
    }

    public BacktestInput {
        series = List.copyOf(series);
        funding = Map.copyOf(funding);
        instruments = List.copyOf(instruments);
        Objects.requireNonNull(sim, "sim");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no candle series");
        }
        if (series.size() != instruments.size()) {
            throw new IllegalArgumentException("one instrument per series expected");
        }
        for (int i = 0; i < series.size(); i++) {
            if (!series.get(i).coin().equals(instruments.get(i).coin())) {
                throw new IllegalArgumentException("series " + i + " is " + series.get(i).coin()
                        + " but instrument " + i + " is " + instruments.get(i).coin());
            }
            if (series.get(i).interval() != series.get(0).interval()) {
                throw new IllegalArgumentException("all series must share one interval");
            }
        }
        if (!(initialEquity > 0)) {
            throw new IllegalArgumentException("initial equity must be positive, got " + initialEquity);
        }
    }
}
