package io.hypertrader.backtest;

import io.hypertrader.kernel.StrategySlot;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Instrument;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.rules.RulesStrategy;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.StopLossRule;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java entry point of docs/strategy.md ("From Java"): a ta4j Strategy per side through the engine. */
class RulesStrategyJavaTest {

    private static RulesStrategy crossover(CandleSeries candles, boolean withStop) {
        return new RulesStrategy(candles.coin(), candles.interval().millis(), PriceMode.CLOSE,
                series -> {
                    var close = new ClosePriceIndicator(series);
                    var fast = new SMAIndicator(close, 10);
                    var slow = new SMAIndicator(close, 30);
                    var exit = new CrossedDownIndicatorRule(fast, slow);
                    return new BaseStrategy(new CrossedUpIndicatorRule(fast, slow),
                            withStop ? exit.or(new StopLossRule(close, 1)) : exit, 30);
                },
                null, new RulesStrategy.Sizing(0.5, 0, 1, Double.NaN), null, null);
    }

    private static BacktestResult run(CandleSeries candles, RulesStrategy s) {
        BacktestInput in = new BacktestInput(List.of(candles), Map.of(), List.of(Instrument.known(candles.coin())),
                SimConfig.REALISTIC, 1, 10_000);
        return Backtester.run(in, List.of(new StrategySlot(s, List.of(candles.coin()))));
    }

    @Test
    void aTa4jStrategyRunsThroughTheEngineAndItsRecordRulesSeeTheTrades() {
        CandleSeries c = StrategyFiltersTest.synthetic();
        BacktestResult plain = run(c, crossover(c, false));
        BacktestResult stopped = run(c, crossover(c, true));
        assertThat(plain.cycles()).hasSizeGreaterThan(20).allMatch(x -> x.thesis().equals("bull"));
        assertThat(plain.summary().fees()).isPositive();
        // ta4j's StopLossRule reads the trading record the strategy keeps: it must close some trades earlier
        assertThat(stopped.fills()).isNotEqualTo(plain.fills());
        assertThat(stopped.fills().size()).isGreaterThanOrEqualTo(plain.fills().size());
    }
}
