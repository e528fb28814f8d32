package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.Distribution;
import io.hypertrader.backtest.analysis.RealCandles;
import io.hypertrader.sim.PathMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MonteCarloTest {

    @Test
    void seedsTimesPathModesWithDistributionsFanAndInterval() {
        FibTrialFactory f = TestBinder.factory(RealCandles.btcHourly(1200));
        List<PathMode> modes = List.of(PathMode.values());
        MonteCarlo.Outcome o = MonteCarlo.run(f, new TrialRunner(f, 2), new LinkedHashMap<>(), 6, 100, modes,
                TrialRunner.Progress.NONE);
        assertThat(o.trials()).hasSize(24);
        assertThat(o.trials().get(5).spec().seed()).isEqualTo(101);
        assertThat(o.trials().get(5).spec().path()).isEqualTo(PathMode.HIGH_FIRST);
        // curves kept only for the fan chart's mode
        assertThat(o.trials().get(4).curve()).isNotNull();
        assertThat(o.trials().get(5).curve()).isNull();

        for (int m = 0; m < modes.size(); m++) {
            double[] fin = new double[6];
            for (int s = 0; s < 6; s++) {
                fin[s] = o.trials().get(s * 4 + m).metrics().finalEquity();
            }
            assertThat(o.finalEquity().get(modes.get(m))).isEqualTo(Distribution.of(fin));
        }
        // path modes matter: worst-case hurts, high/low-first differ
        assertThat(o.finalEquity().get(PathMode.WORST_CASE).median())
                .isLessThan(o.finalEquity().get(PathMode.BULLISH_LOW_FIRST).median());
        for (int s = 0; s < 6; s++) {
            double[] p = new double[4];
            for (int m = 0; m < 4; m++) {
                p[m] = o.trials().get(s * 4 + m).metrics().pnl();
            }
            Arrays.sort(p);
            assertThat(o.pnl().worst()[s]).isEqualTo(p[0]);
            assertThat(o.pnl().best()[s]).isEqualTo(p[3]);
            assertThat(o.pnl().median()[s]).isCloseTo((p[1] + p[2]) / 2, within(1e-9));
        }
        // fan: at the last mark the median band is the median final equity of the first mode
        MonteCarlo.Fan fan = o.fan();
        int last = fan.time().length - 1;
        assertThat(fan.bands()[2][last]).isCloseTo(o.finalEquity().get(PathMode.BULLISH_LOW_FIRST).median(), within(1e-9));
        for (int t = 0; t <= last; t += 50) {
            for (int q = 1; q < 5; q++) {
                assertThat(fan.bands()[q][t]).isGreaterThanOrEqualTo(fan.bands()[q - 1][t]);
            }
        }
        assertThat(fan.bands()[0][0]).isEqualTo(10_000);
    }

    @Test
    void quantilesOfAKnownEnsemble() {
        // 101 seeds whose P&L under 2 modes is known: seed s gives s and -s; the interval summaries are exact.
        List<TrialResult> trials = new ArrayList<>();
        for (int s = 0; s <= 100; s++) {
            for (int m = 0; m < 2; m++) {
                double pnl = m == 0 ? s : -s;
                TrialMetrics x = new TrialMetrics(1000, 1000 + pnl, pnl / 1000, 0, 0, s / 10.0, 0, 0, 0, s / 200.0, 0.5,
                        0, 3, 100, 0, 0, 0, 0, 0, 0, 0.764, 0, 0, 0, 0, 0, 0, 0, 0, "");
                TrialResult.Curve c = m == 0 ? new TrialResult.Curve(new long[]{0, 1}, new double[]{1000, 1000 + pnl},
                        new double[]{1, 1}, new double[2], List.of(), List.of(), io.hypertrader.analytics.CostTotals.NONE) : null;
                trials.add(new TrialResult(trials.size(), TrialSpec.of(new LinkedHashMap<>(), s), x, c));
            }
        }
        MonteCarlo.Outcome o = MonteCarlo.summarise(new LinkedHashMap<>(), 101, 0,
                List.of(PathMode.LOW_FIRST, PathMode.HIGH_FIRST), trials);
        Distribution fin = o.finalEquity().get(PathMode.LOW_FIRST);
        assertThat(fin.p05()).isCloseTo(1005, within(1e-9));
        assertThat(fin.median()).isCloseTo(1050, within(1e-9));
        assertThat(fin.p95()).isCloseTo(1095, within(1e-9));
        assertThat(o.maxDrawdown().get(PathMode.HIGH_FIRST).p75()).isCloseTo(0.375, within(1e-12));
        assertThat(o.pnl().bestDist().median()).isEqualTo(50);
        assertThat(o.pnl().worstDist().median()).isEqualTo(-50);
        assertThat(o.pnl().medianDist().max()).isEqualTo(0);
        assertThat(o.fan().bands()[4][1]).isCloseTo(1095, within(1e-9));
    }
}
