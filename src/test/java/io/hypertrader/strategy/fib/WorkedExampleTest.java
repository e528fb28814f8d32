package io.hypertrader.strategy.fib;

import io.hypertrader.backtest.Bars;
import io.hypertrader.backtest.FibRun;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** the capture example of docs/strategy.md: E = 100, H = 130, a fall through L(0.23) = 123.10 captures 0.77. */
class WorkedExampleTest {

    static FibHedgeParams ratios023() {
        FibHedgeParams d = FibHedgeParams.defaults(Coin.of("BTC"), Interval.H1);
        return new FibHedgeParams(d.coin(), d.interval(), d.thesis(), d.trigger(),
                new FibHedgeParams.Levels(0.23, 0.38, 0.50, List.of(0.618)), d.exposure(), d.arm(), d.entry(),
                d.hedgeExit(), d.reversal(), d.longStop(), d.sizing(), d.profit());
    }

    @Test
    void fallThroughL023CapturesExactly077() {
        Bars b = new Bars("BTC").flat(50, 100)
                .bar(100, 110, 100, 110)
                .bar(110, 120, 110, 120)
                .bar(120, 130, 120, 130)
                // closes down, so the path visits the high first, then falls far through 123.10
                .bar(130, 130, 119, 121);
        FibRun r = FibRun.run(ratios023(), b.series(), SimConfig.IDEAL, 1);

        assertThat(r.result.cycles()).hasSize(1);
        CycleRecord c = r.result.cycles().get(0);
        assertThat(c.e()).isEqualTo(100.0);
        assertThat(c.h()).isEqualTo(130.0);
        assertThat(c.levelHedge()).isCloseTo(123.10, within(1e-9));
        assertThat(c.capture()).isCloseTo(0.77, within(1e-12));
        assertThat(c.pnl()).isCloseTo(23.10 * c.q(), within(1e-6));
        assertThat(c.q()).isEqualTo(270.0); // 10000 * 0.9 * 3 / 100
        assertThat(r.strategy.state()).isEqualTo(FibState.HEDGED);
        // the hedge filled exactly at the level, not at the bar's low
        assertThat(r.result.fills()).hasSize(2);
        assertThat(r.result.fills().get(1).price()).isCloseTo(123.10, within(1e-9));
        assertThat(r.result.summary().ledgerResidual()).isCloseTo(0, within(1e-6));
    }
}
