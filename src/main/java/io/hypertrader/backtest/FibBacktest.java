package io.hypertrader.backtest;

import io.hypertrader.kernel.StrategySlot;

import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.UserError;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.fib.StrategyKinds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fib-hedge backtest as a library call, without any database: a config, candles, funding,
 * the coins' grids, a simulator profile and a seed in; an in-memory {@link BacktestResult} out.
 * Reports, sweeps and benchmarks call this; {@code store.BacktestJob} adds loading and storing.
 *
 * <p>A config's run is guarded by its {@code risk:} limits: one risk manager for the account in
 * front of every coin's strategy, the same rule set as paper and live (see {@link Backtester}).
 */
public final class FibBacktest {
    private FibBacktest() {
    }

    /**
     * Runs a (single-coin or portfolio) config behind its risk limits.
     *
     * @param series      one series per traded coin (any order; the config's coin order is used)
     * @param funding     stored funding per coin (absent = none stored)
     * @param instruments grids per coin; the config's {@code instruments} section and the
     *                    well-known table fill the gaps
     */
    public static BacktestResult run(StrategyConfig cfg, List<CandleSeries> series, Map<Coin, FundingHistory> funding,
                                     Map<Coin, Instrument> instruments, SimConfig sim, long seed) {
        return run(cfg, series, funding, instruments, sim, seed, cfg.risk());
    }

    /**
     * Runs a config behind other risk limits than its own (null: no risk manager), for studies of
     * the limits themselves and for tests; a config's run is {@link #run(StrategyConfig, List, Map,
     * Map, SimConfig, long)}.
     */
    public static BacktestResult run(StrategyConfig cfg, List<CandleSeries> series, Map<Coin, FundingHistory> funding,
                                     Map<Coin, Instrument> instruments, SimConfig sim, long seed, RiskLimits risk) {
        Prepared p = prepare(cfg, series, funding, instruments, sim, seed, risk);
        return Backtester.run(p.input(), p.slots());
    }

    /**
     * A config's run behind its risk limits with detail candles per coin ({@code --detail}; empty:
     * none): see {@link BacktestInput#withDetail}.
     */
    public static BacktestResult runWithDetail(StrategyConfig cfg, List<CandleSeries> series, Map<Coin, FundingHistory> funding,
                                               Map<Coin, Instrument> instruments, SimConfig sim, long seed,
                                               Map<Coin, CandleSeries> detail) {
        Prepared p = prepare(cfg, series, funding, instruments, sim, seed, cfg.risk());
        return Backtester.run(detail.isEmpty() ? p.input() : p.input().withDetail(detail), p.slots());
    }

    /** A config's run before it runs: the input and fresh strategies (they are stateful: one run each). */
    record Prepared(BacktestInput input, List<StrategySlot> slots) {
    }

    static Prepared prepare(StrategyConfig cfg, List<CandleSeries> series, Map<Coin, FundingHistory> funding,
                            Map<Coin, Instrument> instruments, SimConfig sim, long seed, RiskLimits risk) {
        List<CandleSeries> ordered = new ArrayList<>();
        List<Instrument> grids = new ArrayList<>();
        List<StrategySlot> slots = new ArrayList<>();
        for (FibHedgeParams p : cfg.perCoin()) {
            Coin coin = p.coin();
            CandleSeries s = series.stream().filter(x -> x.coin().equals(coin)).findFirst()
                    .orElseThrow(() -> UserError.dataMissing("no candles given for " + coin));
            if (s.interval() != p.interval()) {
                throw UserError.usage("candles of " + coin + " are " + s.interval() + " but the config's interval is " + p.interval());
            }
            ordered.add(s);
            grids.add(instrument(cfg, instruments, coin));
            slots.add(new StrategySlot(StrategyKinds.create(p), List.of(coin)));
        }
        return new Prepared(new BacktestInput(ordered, funding, grids, sim, seed, cfg.initialEquity(), risk), slots);
    }

    /** Runs one coin's parameters over one series with a starting equity (USDC), without risk limits. */
    public static BacktestResult run(FibHedgeParams params, CandleSeries series, Instrument instrument,
                                     FundingHistory funding, SimConfig sim, long seed, double initialEquity) {
        return run(params, series, instrument, funding, sim, seed, initialEquity, null);
    }

    /** Runs one coin's parameters over one series with a starting equity (USDC) behind {@code risk} (null: none). */
    public static BacktestResult run(FibHedgeParams params, CandleSeries series, Instrument instrument,
                                     FundingHistory funding, SimConfig sim, long seed, double initialEquity, RiskLimits risk) {
        Strategy st = StrategyKinds.create(params.withCoin(series.coin()));
        BacktestInput in = new BacktestInput(List.of(series), Map.of(series.coin(), funding), List.of(instrument), sim,
                seed, initialEquity, risk);
        return Backtester.run(in, List.of(new StrategySlot(st, List.of(series.coin()))));
    }

    /** The grid of a coin: the config's, then the given map, then the well-known table. */
    public static Instrument instrument(StrategyConfig cfg, Map<Coin, Instrument> given, Coin coin) {
        Instrument i = cfg.instruments().get(coin);
        if (i == null) {
            i = given.get(coin);
        }
        if (i == null) {
            i = Instrument.known(coin);
        }
        if (i == null) {
            throw UserError.usage("the size/price grid of " + coin + " is unknown: fetch the coin list (hypertrader fetch)"
                    + " or add instruments: {" + coin + ": {szDecimals: N, maxLeverage: N}} to the config");
        }
        return i;
    }
}
