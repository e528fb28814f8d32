package io.hypertrader.backtest.sweep;

import io.hypertrader.backtest.analysis.RealCandles;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.UserError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WalkForwardTest {
    static final long HOUR = 3_600_000L;
    static CandleSeries candles;
    static ParamGrid grid;
    static List<WalkForward.Window> windows;
    static WalkForward.Outcome base;

    @BeforeAll
    static void runOnce() {
        candles = RealCandles.btcHourly(2000);
        grid = ParamGrid.parse(List.of("strategy.levels.hedge=0.20,0.236,0.30", "strategy.longStop.initialPct=0.05,0.10"));
        windows = WalkForward.windows(candles, Duration.ofDays(20), Duration.ofDays(7), false);
        base = run(candles, 2);
    }

    static WalkForward.Outcome run(CandleSeries c, int threads) {
        FibTrialFactory f = TestBinder.factory(c);
        return WalkForward.run(f, new TrialRunner(f, threads), grid, 5, WalkForward.Objective.SHARPE, windows,
                c.interval(), TrialRunner.Progress.NONE);
    }

    @Test
    void windowsRollByTheTestLength() {
        long start = candles.openTime(0);
        long end = candles.openTime(candles.size() - 1) + HOUR;
        // 2000 bars = 83.3 days: 20 d train + k * 7 d tests fit for k = 9 (20 + 63 = 83 <= 83.3)
        assertThat(windows).hasSize(9);
        for (WalkForward.Window w : windows) {
            assertThat(w.trainTo() - w.trainFrom()).isEqualTo(20 * 24 * HOUR);
            assertThat(w.testFrom()).isEqualTo(w.trainTo());
            assertThat(w.testTo() - w.testFrom()).isEqualTo(7 * 24 * HOUR);
            assertThat(w.trainFrom()).isEqualTo(start + w.index() * 7 * 24 * HOUR);
            assertThat(w.testTo()).isLessThanOrEqualTo(end);
        }
        List<WalkForward.Window> anchored = WalkForward.windows(candles, Duration.ofDays(20), Duration.ofDays(7), true);
        assertThat(anchored.get(5).trainFrom()).isEqualTo(start);
        assertThat(anchored.get(5).trainTo()).isEqualTo(windows.get(5).trainTo());
        assertThatThrownBy(() -> WalkForward.windows(candles, Duration.ofDays(80), Duration.ofDays(7), false))
                .isInstanceOf(UserError.class).hasMessageContaining("do not fit in the data");
        assertThat(WalkForward.duration("--train", "60d")).isEqualTo(Duration.ofDays(60));
        assertThat(WalkForward.duration("--test", "2w")).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> WalkForward.duration("--train", "60 days")).hasMessageContaining("--train: '60 days'");
    }

    @Test
    void eachWindowPicksTheTrainingBestAndTestsIt() {
        assertThat(base.steps()).hasSize(windows.size());
        for (WalkForward.Step s : base.steps()) {
            int w = s.window().index();
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < grid.size(); c++) {
                double v = base.trainTrials().get(w * grid.size() + c).metrics().sharpe();
                if (!Double.isNaN(v)) {
                    best = Math.max(best, v);
                }
            }
            assertThat(s.trainObjective()).isEqualTo(best);
            assertThat(s.test().spec().params()).isEqualTo(s.params());
            assertThat(s.test().spec().fromMs()).isEqualTo(s.window().testFrom());
            // the test curve covers exactly the test window's bars: first mark at its start, last at its end
            assertThat(s.test().curve().time()[0]).isEqualTo(s.window().testFrom());
            assertThat(s.test().curve().time()[s.test().curve().time().length - 1]).isEqualTo(s.window().testTo());
        }
    }

    @Test
    void stitchedEquityCompoundsTheTestWindows() {
        double level = base.equity()[0];
        for (WalkForward.Step s : base.steps()) {
            double[] e = s.test().curve().equity();
            level *= e[e.length - 1] / e[0];
        }
        assertThat(base.equity()[base.equity().length - 1]).isCloseTo(level, within(1e-6));
        assertThat(base.time()).hasSize(windows.size() * 7 * 24 + 1);
        assertThat(base.metrics().returns().totalReturn()).isCloseTo(level / base.equity()[0] - 1, within(1e-12));
        assertThat(base.metrics().significance().sharpeInterval().lower()).isFinite();
    }

    @Test
    void futureDataNeverChangesEarlierChoices() {
        // Perturb every bar from the start of window 5's test onwards: prices wander off on a new random path.
        long cut = windows.get(5).trainTo();
        CandleSeries perturbed = perturbFrom(candles, cut, 99);
        WalkForward.Outcome p = run(perturbed, 3);
        int unchangedTests = 0;
        for (int w = 0; w < windows.size(); w++) {
            WalkForward.Step a = base.steps().get(w), b = p.steps().get(w);
            if (windows.get(w).trainTo() <= cut) {
                assertThat(b.configIndex()).as("window %d choice", w).isEqualTo(a.configIndex());
                for (int c = 0; c < grid.size(); c++) {
                    assertThat(p.trainTrials().get(w * grid.size() + c).metrics())
                            .as("window %d config %d training", w, c)
                            .isEqualTo(base.trainTrials().get(w * grid.size() + c).metrics());
                }
            }
            if (windows.get(w).testTo() <= cut) {
                assertThat(b.test().metrics()).as("window %d test", w).isEqualTo(a.test().metrics());
                unchangedTests++;
            }
        }
        assertThat(unchangedTests).isEqualTo(5);
        // the perturbation is real: a later window's training saw different data
        assertThat(p.trainTrials().get(8 * grid.size()).metrics())
                .isNotEqualTo(base.trainTrials().get(8 * grid.size()).metrics());
    }

    static CandleSeries perturbFrom(CandleSeries s, long from, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = s.size();
        double[] o = s.opens().clone(), h = s.highs().clone(), l = s.lows().clone(), c = s.closes().clone();
        double drift = 1;
        for (int i = 0; i < n; i++) {
            if (s.openTime(i) < from) {
                continue;
            }
            drift *= 1 + 0.01 * r.nextGaussian();
            o[i] *= drift;
            c[i] *= drift;
            h[i] = Math.max(h[i] * drift, Math.max(o[i], c[i]));
            l[i] = Math.min(l[i] * drift, Math.min(o[i], c[i]));
        }
        return new CandleSeries(s.coin(), s.interval(), s.openTimes(), o, h, l, c, s.volumes());
    }
}
