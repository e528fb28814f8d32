package io.hypertrader.bench.refrule;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Side;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.rules.RuleCompiler;
import io.hypertrader.strategy.rules.RuleSet;
import io.hypertrader.strategy.rules.RulesStrategy;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Trade;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.num.NumFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parity case of the {@code ta4j-rules} strategy: one moving-average crossover (long when the
 * 10-bar SMA of closes crosses above the 30-bar one, flat when it crosses below) run by ta4j's own
 * {@link BarSeriesManager} (fills at the signal bar's close, no costs) and by our engine as a
 * {@link RulesStrategy} under the {@code ideal} profile in close mode. Both take the same trades:
 * same bars, same prices, same sides. ta4j trades a fixed amount; the engine is given the same
 * amount ({@code sizing.fixedQty}) on a grid fine enough to hold it.
 */
public final class MaCrossParity {
    /** The rules, as a config's {@code rules:} would state them. */
    public static final RuleSet RULES = new RuleSet(Map.of("fast", 10.0, "slow", 30.0),
            "sma(close, fast) crosses above sma(close, slow)", "sma(close, fast) crosses below sma(close, slow)",
            null, null, null, null);
    /** Coins per trade, on both sides. */
    public static final double AMOUNT = 0.1;
    /** Starting equity of the engine's run, USDC (ta4j keeps no account). */
    public static final double EQUITY = 100_000;

    private MaCrossParity() {
    }

    /** One trade: the bar (0-based, within the series), the price and the side. */
    public record Trade3(int bar, double price, boolean buy) {
    }

    /** ta4j's run over a prebuilt series; the strategy is ta4j's own BaseStrategy over ta4j's SMA rules. */
    public static TradingRecord ta4j(BarSeries series) {
        RuleCompiler.Compiled in = RuleCompiler.compile(RULES.longEntry(), series, RULES.params());
        RuleCompiler.Compiled out = RuleCompiler.compile(RULES.longExit(), series, RULES.params());
        BaseStrategy strategy = new BaseStrategy("ma-cross", in.rule(), out.rule(), RulesStrategy.unstableBars(RULES, true));
        BarSeriesManager manager = new BarSeriesManager(series, new ZeroCostModel(), new ZeroCostModel(),
                new TradeOnCurrentCloseModel());
        return manager.run(strategy, Trade.TradeType.BUY, series.numFactory().numOf(AMOUNT));
    }

    /** ta4j's series of the candles with the given number type. */
    public static BarSeries series(CandleSeries candles, NumFactory nums) {
        return Ta4jReferenceRule.series(candles, nums);
    }

    /** The trades of a ta4j record. */
    public static List<Trade3> trades(TradingRecord record) {
        List<Trade3> out = new ArrayList<>();
        for (Trade t : record.getTrades()) {
            out.add(new Trade3(t.getIndex(), t.getPricePerAsset().doubleValue(), t.isBuy()));
        }
        return out;
    }

    /** Our engine's run: the rules as a RulesStrategy in close mode, the whole engine (ledger, event log, equity curve). */
    public static BacktestResult engine(CandleSeries candles, SimConfig sim) {
        RulesStrategy s = new RulesStrategy(candles.coin(), candles.interval().millis(), PriceMode.CLOSE, RULES,
                new RulesStrategy.Sizing(1, 0, 1, AMOUNT));
        BacktestInput in = new BacktestInput(List.of(candles), Map.of(), List.of(new Instrument(candles.coin(), 8, 40)), sim, 1,
                EQUITY);
        return Backtester.run(in, List.of(new StrategySlot(s, List.of(candles.coin()))));
    }

    /** The trades of an engine run, bars counted from the series' first. */
    public static List<Trade3> trades(BacktestResult r, CandleSeries candles) {
        List<Trade3> out = new ArrayList<>();
        long bar = candles.interval().millis();
        for (Fill f : r.fills()) {
            int i = (int) ((f.timeMs() - candles.openTime(0)) / bar);
            out.add(new Trade3(i, f.price(), f.side() == Side.BUY));
        }
        return out;
    }
}
