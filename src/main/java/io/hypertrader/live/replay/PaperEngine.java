package io.hypertrader.live.replay;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.core.Candle;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.live.deployment.CapitalSizing;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.StatefulStrategy;
import io.hypertrader.strategy.fib.StrategyKinds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backtest of a deployment's recorded candles, as {@code parity} compares it with what the
 * deployment did: the backtester over those candles with the deployment's seed, the
 * {@code realistic} simulator profile (paper's), its capital and cap, and the risk manager in
 * front of every strategy. Paper itself trades in real time ({@code runner.PaperRunner}); this replay is
 * what the same config would have done on the bars the live stream recorded.
 */
public final class PaperEngine {

    /** The simulator profile of paper runs. */
    public static final SimConfig PROFILE = SimConfig.REALISTIC;

    private PaperEngine() {
    }

    /** A replay's result with the risk events raised during it, and each coin's strategy as the replay left it. */
    public record Replay(BacktestResult result, List<RiskEvent> riskEvents, Map<Coin, StatefulStrategy> strategies) {
    }

    /** The risk limits a deployment runs with: the config's, with the deployment's position cap (mainnet). */
    public static RiskLimits limits(TradingPlan plan, LiveStore.Deployment d) {
        RiskLimits l = plan.risk();
        Double cap = d.positionCapUsd();
        return cap == null ? l : l.withMaxPositionNotionalUsd(Math.min(cap, l.maxPositionNotionalUsd()));
    }

    /**
     * Replays a paper deployment's recorded candles as its runner does: from the deployment's
     * capital, with each cycle sized to at most the position cap in force (as live runs size).
     */
    public static Replay replay(TradingPlan plan, LiveStore.Deployment d, Map<Coin, List<Candle>> candles) {
        RiskLimits l = limits(plan, d);
        return replay(plan, candles, d.seed(), l, d.capital(plan.initialEquity()), CapitalSizing.cycleCap(l));
    }

    /** Replays {@code candles} (per coin, time order) through fresh strategies of {@code plan}, from the config's equity. */
    public static Replay replay(TradingPlan plan, Map<Coin, List<Candle>> candles, long seed, RiskLimits limits) {
        return replay(plan, candles, seed, limits, plan.initialEquity(), Double.POSITIVE_INFINITY);
    }

    /**
     * Replays {@code candles} (per coin, time order) through fresh strategies of {@code plan},
     * starting from {@code capital} USDC, each cycle sized to at most {@code cycleCap} USDC
     * (infinity: as the config sizes, exactly a backtest).
     */
    public static Replay replay(TradingPlan plan, Map<Coin, List<Candle>> candles, long seed, RiskLimits limits, double capital,
                                double cycleCap) {
        List<CandleSeries> series = new ArrayList<>();
        List<Instrument> instruments = new ArrayList<>();
        Map<Coin, FundingHistory> funding = new LinkedHashMap<>();
        List<StrategySlot> slots = new ArrayList<>();
        Map<Coin, StatefulStrategy> strategies = new LinkedHashMap<>();
        for (FibHedgeParams p : plan.perCoin()) {
            Coin coin = p.coin();
            List<Candle> cs = candles.getOrDefault(coin, List.of());
            if (cs.isEmpty()) {
                continue;
            }
            series.add(CandleSeries.of(coin, plan.interval(), cs));
            instruments.add(plan.instrument(coin));
            funding.put(coin, FundingHistory.EMPTY);
            // the hedge, or a ta4j-rules strategy; the replay runs again every bar: nothing to journal from here
            StatefulStrategy strategy = StrategyKinds.createStateful(p, cycleCap, m -> { });
            strategies.put(coin, strategy);
            slots.add(new StrategySlot(strategy, List.of(coin)));
        }
        if (series.isEmpty()) {
            return null;
        }
        // the backtester puts one risk manager with these limits in front of every strategy, as a backtest does
        BacktestInput in = new BacktestInput(series, funding, instruments, PROFILE, seed, capital, limits);
        BacktestResult r = Backtester.run(in, slots);
        return new Replay(r, r.riskEvents(), strategies);
    }
}
