package io.hypertrader.strategy.fib;

import io.hypertrader.backtest.Bars;
import io.hypertrader.backtest.FibRun;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.TransitionRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The worked example of docs/strategy.md, figure by figure: a doc whose numbers the code no
 * longer produces fails here (change the doc and this test together).
 */
class StrategyDocExampleTest {

    @Test
    void theWorkedExampleOfTheStrategyDocIsWhatTheCodeDoes() {
        Bars b = new Bars("BTC").flat(50, 100)
                .bar(100, 110, 100, 110)
                .bar(110, 120, 110, 120)
                .bar(120, 130, 120, 130)
                .bar(130, 130, 110, 112)
                .bar(112, 120, 112, 118);
        FibRun r = FibRun.run(FibHedgeParams.defaults(Coin.of("BTC"), Interval.H1), b.series(), SimConfig.IDEAL, 1);

        List<String> steps = r.result.transitions().stream()
                .map(t -> t.from() + ">" + t.to() + " " + t.reason() + " @" + round2(t.price())).toList();
        assertThat(steps).containsExactly(
                "FLAT>FULL entry @100.0",
                "FULL>HEDGED hedge @122.92",
                "HEDGED>SCALED level @118.54",
                "SCALED>DEEP level @115.0",
                "DEEP>RECOVERING reversal-half @114.72",
                "RECOVERING>FULL reversal @117.64");
        assertThat(r.result.transitions()).extracting(TransitionRecord::targetNet)
                .containsExactly(1.0, 0.0, -0.25, -0.25, 0.5, 1.0);

        List<String> fills = r.result.fills().stream()
                .map(f -> f.side() + " " + f.size() + " @" + round2(f.price())).toList();
        assertThat(fills).containsExactly(
                "BUY 270.0 @100.0",
                "SELL 270.0 @122.92",
                "SELL 67.5 @118.54",
                "BUY 202.5 @114.72",
                "BUY 251.51151 @117.64");
        assertThat(r.result.fills()).extracting(Fill::fee).containsOnly(0.0);

        CycleRecord c0 = r.result.cycles().get(0);
        assertThat(c0.q()).isEqualTo(270.0);
        assertThat(c0.e()).isEqualTo(100.0);
        assertThat(c0.h()).isEqualTo(130.0);
        assertThat(c0.levelHedge()).isCloseTo(122.92, within(1e-9));
        assertThat(c0.levelScale()).isCloseTo(118.54, within(1e-9));
        assertThat(c0.levelDeep()).isCloseTo(115.0, within(1e-9));
        assertThat(c0.pnl()).isCloseTo(6840.45, within(1e-6));
        assertThat(c0.capture()).isCloseTo(0.8445, within(1e-9));
        assertThat(c0.maxState()).isEqualTo("DEEP");
        assertThat(c0.endReason()).isEqualTo("reversal");

        CycleRecord c1 = r.result.cycles().get(1);
        assertThat(c1.q()).isEqualTo(386.51151);
        assertThat(c1.complete()).isFalse();
        assertThat(r.strategy.summary()).isEqualTo("FULL BTC bull cycle=1 Q=386.51151 pos=386.51151 E=116.62011 H=120"
                + " stop=108 unarmed");
        assertThat(2 * r.strategy.atr()).isCloseTo(7.23, within(0.005));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
