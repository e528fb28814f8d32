package io.hypertrader.strategy.fib;

import io.hypertrader.backtest.Bars;
import io.hypertrader.backtest.FibRun;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Fill;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.TransitionRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * the bear thesis of docs/strategy.md: a price series reflected around a constant K, traded with the bear
 * thesis, gives the same trades as the original with the bull thesis, sides swapped and prices
 * reflected (p -> 2K - p). Rules stated in percent of price (the arming percentage, the long
 * and hedge-leg stops) cannot be reflection-invariant, so they are set out of reach here; the
 * ATR arming term, levels, reversal and peak reclaim are all exercised. Sizes are compared as
 * equal: both runs use a fixed Q of 10 coins, because compounding (Q = equity-based notional /
 * price) is not reflection-invariant and E after a full reversal weights the rebuild fills by Q.
 */
class BearMirrorTest {
    private static final double K = 400;

    @ParameterizedTest
    @EnumSource(PriceMode.class)
    void reflectedSeriesGivesMirroredTrades(PriceMode mode) {
        SplittableRandom seeds = new SplittableRandom(2024);
        int compared = 0;
        for (int k = 0; k < 40; k++) {
            long seed = seeds.nextLong();
            Bars bars = RandomBars.walk(seed, 300, 150);
            CandleSeries bull = bars.series();
            CandleSeries bear = Bars.reflect(bull, K);
            P base = P.defaults().arm(0, 2.0).longStop(0.99, 0.99).hedgeExit(true, 0.99).trigger(mode).fixedQty(10);
            FibRun up = FibRun.run(base.thesis(Thesis.BULL).get(), bull, SimConfig.IDEAL, 1);
            FibRun down = FibRun.run(base.thesis(Thesis.BEAR).get(), bear, SimConfig.IDEAL, 1);

            List<TransitionRecord> tu = up.result.transitions();
            List<TransitionRecord> td = down.result.transitions();
            assertThat(td).as("seed %d", seed).hasSameSizeAs(tu);
            for (int i = 0; i < tu.size(); i++) {
                TransitionRecord a = tu.get(i);
                TransitionRecord b = td.get(i);
                assertThat(b.to()).as("seed %d transition %d", seed, i).isEqualTo(a.to());
                assertThat(b.reason()).as("seed %d transition %d", seed, i).isEqualTo(a.reason());
                assertThat(b.timeMs()).as("seed %d transition %d", seed, i).isCloseTo(a.timeMs(), within(1L));
                assertThat(b.price()).as("seed %d transition %d", seed, i).isCloseTo(2 * K - a.price(), within(1e-7));
                assertThat(b.targetNet()).as("seed %d transition %d", seed, i).isEqualTo(-a.targetNet());
            }
            List<Fill> fu = up.result.fills();
            List<Fill> fd = down.result.fills();
            assertThat(fd).as("seed %d", seed).hasSameSizeAs(fu);
            double qu = fu.isEmpty() ? 1 : fu.get(0).size();
            double qd = fd.isEmpty() ? 1 : fd.get(0).size();
            for (int i = 0; i < fu.size(); i++) {
                assertThat(fd.get(i).side()).as("seed %d fill %d", seed, i).isEqualTo(fu.get(i).side().opposite());
                assertThat(fd.get(i).price()).as("seed %d fill %d", seed, i).isCloseTo(2 * K - fu.get(i).price(), within(1e-7));
                assertThat(fd.get(i).size() / qd).as("seed %d fill %d", seed, i).isCloseTo(fu.get(i).size() / qu, within(1e-3));
            }
            compared += tu.size();
        }
        assertThat(compared).as("the random walks must exercise the state machine").isGreaterThan(200);
    }
}
