package io.hypertrader.backtest;

import io.hypertrader.kernel.StrategySlot;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.FibHedgeStrategy;

import java.util.List;
import java.util.Map;

/** Test helper: one fib-hedge strategy over one series. */
public final class FibRun {
    public final FibHedgeStrategy strategy;
    public final BacktestResult result;

    private FibRun(FibHedgeStrategy strategy, BacktestResult result) {
        this.strategy = strategy;
        this.result = result;
    }

    public static FibRun run(FibHedgeParams params, CandleSeries s, SimConfig sim, long seed) {
        return run(params, s, sim, seed, FundingHistory.EMPTY, 10_000);
    }

    public static FibRun run(FibHedgeParams params, CandleSeries s, SimConfig sim, long seed, FundingHistory funding,
                             double equity) {
        Coin coin = s.coin();
        Instrument inst = Instrument.known(coin) != null ? Instrument.known(coin) : new Instrument(coin, 2, 20);
        FibHedgeStrategy st = new FibHedgeStrategy(params.withCoin(coin));
        BacktestInput in = new BacktestInput(List.of(s), Map.of(coin, funding), List.of(inst), sim, seed, equity);
        return new FibRun(st, Backtester.run(in, List.of(new StrategySlot(st, List.of(coin)))));
    }
}
