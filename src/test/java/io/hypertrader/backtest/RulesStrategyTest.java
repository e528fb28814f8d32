package io.hypertrader.backtest;

import io.hypertrader.kernel.StrategySlot;

import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Side;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ta4j-rules strategy's own behaviour: sides, one action per bar, stops, take-profits, cycles. */
class RulesStrategyTest {
    private static final long HOUR = 3_600_000L;

    private static BacktestResult run(String rules, CandleSeries s, SimConfig sim) {
        StrategyConfig c = StrategyFiltersTest.config("  type: ta4j-rules\n" + rules);
        return FibBacktest.run(c, List.of(s), Map.of(), Map.of(), sim, 1);
    }

    private static int bar(long timeMs) {
        return (int) ((timeMs - Bars.T0) / HOUR);
    }

    @Test
    void entersAtTheSignalBarsCloseAndExitsByItsRuleOneActionPerBar() {
        CandleSeries s = new Bars("BTC").flat(3, 100).to(110).to(120).to(90).to(95).series();
        // long while close > 105; short while close < 95 (both sides' exits: the entry no longer holds)
        String rules = "  trigger: close\n  rules:\n    longEntry: close > 105\n    longExit: close < 105\n"
                + "    shortEntry: close < 95\n    shortExit: close > 95\n";
        BacktestResult r = run(rules + "risk: {positionStopFraction: 0.9}\n", s, SimConfig.IDEAL);
        List<int[]> trades = r.fills().stream().map(f -> new int[]{bar(f.timeMs()), f.side() == Side.BUY ? 1 : -1}).toList();
        // bar 3 closes at 110: buy; bar 5 closes at 90: the long's exit is that bar's one action;
        // the short entry (90 < 95) comes at the next close only if it still holds: bar 6 closes at 95, it does not
        assertThat(trades).as(r.fills() + " " + r.transitions()).extracting(t -> t[0] + ":" + t[1]).containsExactly("3:1", "5:-1");
        assertThat(r.fills().get(0).price()).isEqualTo(110);
        assertThat(r.cycles()).hasSize(1);
        CycleRecord c = r.cycles().get(0);
        assertThat(c.thesis()).isEqualTo("bull");
        assertThat(c.e()).isEqualTo(110);
        assertThat(c.h()).isEqualTo(120);
        assertThat(c.endReason()).isEqualTo("exit");
        assertThat(c.pnl()).isEqualTo(-20 * c.q(), org.assertj.core.data.Offset.offset(1e-9));

        // under the default risk limits the position stop (10 % of margin) closes the long at bar 5's close
        // price first: a forced close is that bar's action too, so the short still waits for the next close
        BacktestResult guarded = run(rules, s, SimConfig.IDEAL);
        assertThat(guarded.cycles()).first().extracting(CycleRecord::endReason).isEqualTo("risk-stop");
        assertThat(guarded.fills()).extracting(f -> bar(f.timeMs()) + ":" + f.side()).containsExactly("3:BUY", "5:SELL");
    }

    @Test
    void aShortSideTradesTheMirror() {
        CandleSeries s = new Bars("BTC").flat(3, 100).to(90).to(80).to(85).to(99).series();
        BacktestResult r = run("  trigger: close\n  rules:\n    shortEntry: close < 95\n    shortExit: close > 95\n", s,
                SimConfig.IDEAL);
        assertThat(r.fills()).extracting(f -> bar(f.timeMs()) + ":" + f.side()).containsExactly("3:SELL", "6:BUY");
        assertThat(r.cycles()).singleElement().satisfies(c -> {
            assertThat(c.thesis()).isEqualTo("bear");
            assertThat(c.h()).isEqualTo(80); // the best price of a short is its lowest
            assertThat(c.pnl()).isEqualTo((90 - 99) * c.q(), org.assertj.core.data.Offset.offset(1e-6));
        });
    }

    @Test
    void intrabarStopsFillAtTheirLevelAndTakeTheBarsAction() {
        // long at 100's close of bar 3; bar 4 dips to 90: the 5% stop fires at 95 exactly (intrabar crossing)
        CandleSeries s = new Bars("BTC").flat(3, 99).bar(99, 100, 99, 100).bar(100, 101, 90, 100).flat(2, 100).series();
        BacktestResult r = run("  rules:\n    longEntry: close >= 100\n    stopLoss: 0.05\n", s, SimConfig.IDEAL);
        assertThat(r.fills()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(r.fills().get(1).price()).isEqualTo(95);
        assertThat(bar(r.fills().get(1).timeMs())).isEqualTo(4);
        assertThat(r.cycles().get(0).endReason()).isEqualTo("stop-loss");
        // bar 4 closes at 100 (the entry holds again), but the stop was bar 4's action: the re-entry is at bar 5's close
        assertThat(bar(r.fills().get(2).timeMs())).isEqualTo(5);
    }

    @Test
    void takeProfitClosesInFavour() {
        CandleSeries s = new Bars("BTC").flat(3, 99).bar(99, 100, 99, 100).bar(100, 111, 100, 105).flat(2, 105).series();
        BacktestResult r = run("  rules:\n    longEntry: close >= 100 and close < 101\n    takeProfit: 0.10\n", s,
                SimConfig.IDEAL);
        assertThat(r.fills().get(1).price()).isEqualTo(110, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.cycles().get(0).endReason()).isEqualTo("take-profit");
        assertThat(r.fills()).hasSize(2);
    }

    @Test
    void nothingTradesBeforeTheRulesIndicatorsHaveTheirBars() {
        CandleSeries s = new Bars("BTC").flat(8, 100).to(101).to(102).series();
        BacktestResult r = run("  trigger: close\n  rules:\n    longEntry: close > sma(close, 10) - 50\n", s, SimConfig.IDEAL);
        // sma(10) is unstable on the first 9 bars (ta4j): the first entry is at bar 9's close
        assertThat(bar(r.fills().get(0).timeMs())).isEqualTo(9);
    }

    @Test
    void itsStateIsJournaledButNotRestoredFromText() {
        CandleSeries s = new Bars("BTC").flat(3, 100).to(110).to(120).series();
        var rules = new io.hypertrader.strategy.rules.RuleSet(Map.of(), "close > 105", null, null, null, null, null);
        var st = new io.hypertrader.strategy.rules.RulesStrategy(s.coin(), s.interval().millis(),
                io.hypertrader.strategy.PriceMode.CLOSE, rules, new io.hypertrader.strategy.rules.RulesStrategy.Sizing(0.2, 0, 1,
                Double.NaN));
        BacktestInput in = new BacktestInput(List.of(s), Map.of(), List.of(io.hypertrader.core.Instrument.known(s.coin())),
                SimConfig.IDEAL, 1, 10_000);
        Backtester.run(in, List.of(new StrategySlot(st, List.of(s.coin()))));
        io.hypertrader.strategy.StrategyState state = st.snapshot();
        assertThat(state.strategy()).isEqualTo("ta4j-rules");
        assertThat(state.name()).isEqualTo("LONG");
        assertThat(io.hypertrader.strategy.StrategyState.parse(state.format())).isEqualTo(state);
        assertThat(st.summary()).startsWith("LONG BTC trade=0 Q=").contains("entry=110", "best=120", "bars=5");
        assertThat(st.expectation(s.coin()).atTarget()).isTrue();
        var fresh = new io.hypertrader.strategy.rules.RulesStrategy(s.coin(), s.interval().millis(),
                io.hypertrader.strategy.PriceMode.CLOSE, rules, new io.hypertrader.strategy.rules.RulesStrategy.Sizing(0.2, 0, 1,
                Double.NaN));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fresh.restore(state))
                .isInstanceOf(io.hypertrader.strategy.StrategyStateException.class).hasMessageContaining("rebuilt by replaying");
    }
}
