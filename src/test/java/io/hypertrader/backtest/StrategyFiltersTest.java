package io.hypertrader.backtest;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.testdata.CandleCsv;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fib-hedge's {@code filters:} and the {@code ta4j-rules} strategy from configs: filters see
 * closed bars only, gate what they name, keep the quiet-bar fast path exact, are sweepable, and
 * leave configs without them (their hash, their runs) as they were.
 */
class StrategyFiltersTest {
    private static final long HOUR = 3_600_000L;

    static StrategyConfig config(String strategyBody) {
        return ConfigLoader.parse("strategy:\n  coin: BTC\n  interval: 1h\n"
                + "  sizing: {allocation: 0.2, leverage: 1, cashReserve: 0}\n" + strategyBody, "test.yaml", Map.of());
    }

    static CandleSeries synthetic() {
        return CandleCsv.read(Path.of("datasets/synthetic-btc-1h.csv"), "BTC", Interval.H1);
    }

    @Test
    void anEntryFilterSeesOnlyClosedBars() {
        // five bars at 100, then a bar that trades up to 120 and closes at 110, then bars at 110
        CandleSeries s = new Bars("BTC").flat(5, 100).bar(100, 120, 100, 110).flat(5, 110).series();
        StrategyConfig filtered = config("  entry: {warmupBars: 0}\n  filters:\n    entry: close > 105\n");
        BacktestResult r = FibBacktest.run(filtered, List.of(s), Map.of(), Map.of(), SimConfig.IDEAL, 1);
        assertThat(r.fills()).isNotEmpty();
        // bar 5's prices pass 105 while it is in progress; a filter that saw them would enter inside bar 5.
        // It closed at 110, so the first entry is at bar 6's first price.
        assertThat(r.fills().get(0).timeMs()).isEqualTo(Bars.T0 + 6 * HOUR);

        BacktestResult unfiltered = FibBacktest.run(config("  entry: {warmupBars: 0}\n"), List.of(s), Map.of(), Map.of(),
                SimConfig.IDEAL, 1);
        assertThat(unfiltered.fills().get(0).timeMs()).as("without the filter it enters at once").isEqualTo(Bars.T0);
    }

    @Test
    void anArmingFilterKeepsTheHedgeDisarmed() {
        CandleSeries s = synthetic();
        BacktestResult plain = FibBacktest.run(config(""), List.of(s), Map.of(), Map.of(), SimConfig.IDEAL, 1);
        BacktestResult never = FibBacktest.run(config("  filters:\n    arming: close < 0\n"), List.of(s), Map.of(), Map.of(),
                SimConfig.IDEAL, 1);
        assertThat(plain.transitions()).anyMatch(t -> t.reason().equals("hedge"));
        assertThat(never.transitions()).noneMatch(t -> t.reason().equals("hedge"));
    }

    @Test
    void aConfigWithoutFiltersKeepsItsCanonicalForm() {
        StrategyConfig c = config("");
        assertThat(c.json()).doesNotContain("filters").doesNotContain("\"rules\"");
        assertThat(c.strategy().filters()).isNull();
        assertThat(c.strategy().tradingRules()).doesNotContain("filters");
        StrategyConfig f = config("  filters:\n    entry: close > ema(close, 200)\n");
        assertThat(f.hash()).isNotEqualTo(c.hash());
        assertThat(f.strategy().fingerprint()).isNotEqualTo(c.strategy().fingerprint());
    }

    @Test
    void filterErrorsNameTheFieldTheExpressionAndThePosition() {
        assertThatThrownBy(() -> config("  filters:\n    entry: close > emaa(close, 200)\n"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("strategy.filters.entry = close > emaa(close, 200): at 9: unknown function emaa");
        assertThatThrownBy(() -> config("  type: ta4j-rules\n"))
                .hasMessageContaining("strategy.rules = (missing): a ta4j-rules strategy needs rules:");
        assertThatThrownBy(() -> config("  rules:\n    longEntry: close > 1\n"))
                .hasMessageContaining("strategy.rules = (given): rules: belong to type ta4j-rules");
        assertThatThrownBy(() -> config("  type: ta4j-rules\n  rules:\n    longExit: close > 1\n"))
                .hasMessageContaining("a ta4j-rules strategy needs longEntry, shortEntry or both");
        assertThatThrownBy(() -> config("  type: ta4j-rules\n  rules:\n    longEntry: close > 1\n    stopLoss: 2\n"))
                .hasMessageContaining("strategy.rules.stopLoss = 2");
    }

    @Test
    void filterParametersAreSweepableOverrides() {
        String yaml = "strategy:\n  coin: BTC\n  sizing: {allocation: 0.2, leverage: 1, cashReserve: 0}\n  filters:\n    params: {trend: 200}\n    entry: close > ema(close, trend)\n";
        StrategyConfig c = ConfigLoader.parse(yaml, "t.yaml", Map.of("strategy.filters.params.trend", "50"));
        assertThat(c.strategy().filters().params()).isEqualTo(Map.of("trend", 50.0));
        assertThat(c.strategy().barsBeforeTrading()).isEqualTo(51); // ema(50)'s unstable bars + 1 over the default 50
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "t.yaml", Map.of("strategy.filters.params.trend", "2.5")))
                .hasMessageContaining("the bar count of ema must be a whole number");
    }

    @Test
    void fastPathStaysExactWithFiltersAndForTheRuleStrategy() {
        CandleSeries s = synthetic();
        List<StrategyConfig> configs = List.of(
                config("  filters:\n    params: {trend: 50}\n    entry: close > ema(close, trend)\n"
                        + "    arming: rsi(close, 14) < 70\n    reentry: atrPct(14) between 0.2% and 4%\n"),
                config("  trigger: close\n  filters:\n    entry: close > sma(close, 100)\n    reentry: close > sma(close, 20)\n"),
                config("  thesis: bear\n  filters:\n    entry: close < sma(close, 100)\n    arming: atrPct(14) < 1%\n"),
                config("  type: ta4j-rules\n  trigger: close\n  rules:\n    params: {fast: 10, slow: 30}\n"
                        + "    longEntry: sma(close, fast) crosses above sma(close, slow)\n"
                        + "    longExit: sma(close, fast) crosses below sma(close, slow)\n"
                        + "    shortEntry: sma(close, fast) crosses below sma(close, slow) and rsi(close, 14) > 40\n"
                        + "    shortExit: close > highest(high, 20) - 1\n"),
                config("  type: ta4j-rules\n  rules:\n    longEntry: close > ema(close, 50)\n"
                        + "    longExit: close < ema(close, 50) * 0.99\n    stopLoss: 0.02\n    takeProfit: 0.04\n"
                        + "    shortEntry: close < ema(close, 50) * 0.97\n"));
        for (StrategyConfig c : configs) {
            for (SimConfig sim : List.of(SimConfig.IDEAL, SimConfig.REALISTIC)) {
                var fast = FibBacktest.prepare(c, List.of(s), Map.of(), Map.of(), sim, 7, c.risk());
                var slow = FibBacktest.prepare(c, List.of(s), Map.of(), Map.of(), sim, 7, c.risk());
                BacktestResult a = Backtester.run(fast.input(), fast.slots());
                BacktestResult b = Backtester.runPointByPoint(slow.input(), slow.slots());
                String id = c.strategy().tradingRules() + " " + sim.profile();
                assertThat(a.eventLogSha256()).as(id).isEqualTo(b.eventLogSha256());
                assertThat(EngineGoldenTest.seriesSha(a)).as(id).isEqualTo(EngineGoldenTest.seriesSha(b));
                assertThat(a.cycles()).as(id).isEqualTo(b.cycles());
                assertThat(a.fills().size()).as(id + " trades").isGreaterThan(2);
                assertThat(a.summary().quietBars()).as(id + " takes the fast path").isGreaterThan(s.size() / 4);
            }
        }
    }

    @Test
    void aRuleStrategysStopIsCheckedAgainstLiquidationNotTheHedgesLongStop() {
        String levered = "strategy:\n  type: ta4j-rules\n  coin: BTC\n  sizing: {allocation: 1, cashReserve: 0.1, leverage: 10}\n"
                + "  rules:\n    longEntry: close > sma(close, 20)\n";
        String risk = "risk: {maxLeverage: 10, maxPositionFraction: 10, maxOrderNotionalUsd: 1000000}\n";
        // the hedge's default longStop (10 %) lies beyond liquidation at 9x effective; the rule strategy has no such stop
        assertThat(ConfigLoader.parse(levered + risk, "t.yaml", Map.of()).strategy().isRules()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.parse(levered + "    stopLoss: 0.2\n" + risk, "t.yaml", Map.of()))
                .hasMessageContaining("strategy.rules.stopLoss = 0.2: the stop lies beyond the estimated liquidation");
    }
}
