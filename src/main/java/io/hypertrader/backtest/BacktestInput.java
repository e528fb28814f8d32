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
                            SimConfig sim, long seed, double initialEquity, RiskLimits risk,
                            Map<Coin, CandleSeries> detail) {

    /** An input without detail candles (every bar replays its own path). */
    public BacktestInput(List<CandleSeries> series, Map<Coin, FundingHistory> funding, List<Instrument> instruments,
                         SimConfig sim, long seed, double initialEquity, RiskLimits risk) {
        this(series, funding, instruments, sim, seed, initialEquity, risk, Map.of());
    }

    /**
     * This input with finer candles of its coins ({@code --detail}, freqtrade's
     * {@code --timeframe-detail}): a bar whose sub-bars are all there is replayed through them,
     * each sub-bar on the bar path; a bar without its complete sub-bars replays its own path.
     * Funding, the ADV and volatility windows and the strategy's bar closes stay on the main
     * interval. Each series must be of a coin of the input, of an interval that divides the main
     * one and is finer.
     */
    public BacktestInput withDetail(Map<Coin, CandleSeries> detail) {
        return new BacktestInput(series, funding, instruments, sim, seed, initialEquity, risk, detail);
    }

    /** An input without a risk manager. */
    public BacktestInput(List<CandleSeries> series, Map<Coin, FundingHistory> funding, List<Instrument> instruments,
                         SimConfig sim, long seed, double initialEquity) {
        this(series, funding, instruments, sim, seed, initialEquity, null);
    }

    public BacktestInput {
        series = List.copyOf(series);
        detail = detail == null ? Map.of() : Map.copyOf(detail);
        for (var e : detail.entrySet()) {
            long main = series.isEmpty() ? 0 : series.get(0).interval().millis();
            long sub = e.getValue().interval().millis();
            if (!e.getValue().coin().equals(e.getKey())) {
                throw new IllegalArgumentException("detail candles of " + e.getValue().coin() + " given for " + e.getKey());
            }
            if (series.stream().noneMatch(x -> x.coin().equals(e.getKey()))) {
                throw new IllegalArgumentException("detail candles of " + e.getKey() + ", which the run does not trade");
            }
            if (sub >= main || main % sub != 0) {
                throw new IllegalArgumentException("detail interval " + e.getValue().interval() + " of " + e.getKey()
                        + " must be finer than the bars' " + series.get(0).interval() + " and divide it");
            }
        }
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
