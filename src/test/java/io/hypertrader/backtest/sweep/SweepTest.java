package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.SharpeRatios;
import io.hypertrader.backtest.analysis.RealCandles;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.UserError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SweepTest {
    static CandleSeries candles;
    static ParamGrid grid;
    static Sweep.Outcome oneThread;

    @BeforeAll
    static void sweepOnOneThread() {
        candles = RealCandles.btcHourly(1500);
        grid = ParamGrid.parse(List.of("strategy.levels.hedge=0.20:0.26:0.02", "strategy.sizing.leverage=2,3"));
        oneThread = Sweep.run(TestBinder.factory(candles), new TrialRunner(TestBinder.factory(candles), 1), grid, 2, 11,
                null, TrialRunner.Progress.NONE);
    }

    @Test
    void sameSweepOnMoreThreadsGivesTheSameTable() {
        FibTrialFactory f = TestBinder.factory(candles);
        Sweep.Outcome three = Sweep.run(f, new TrialRunner(f, 3), grid, 2, 11, null, TrialRunner.Progress.NONE);
        assertThat(three.trials()).hasSize(16);
        for (int i = 0; i < 16; i++) {
            assertThat(three.trials().get(i).index()).isEqualTo(i);
            assertThat(three.trials().get(i).spec()).isEqualTo(oneThread.trials().get(i).spec());
            assertThat(three.trials().get(i).metrics()).as("trial %d", i).isEqualTo(oneThread.trials().get(i).metrics());
        }
        assertThat(three.deflatedSharpe()).containsExactly(oneThread.deflatedSharpe());
        assertThat(three.ranking()).isEqualTo(oneThread.ranking());
    }

    @Test
    void trialsAreConfigMajorWithConsecutiveSeedsAndDiffer() {
        List<TrialResult> t = oneThread.trials();
        assertThat(t.get(0).spec().params()).containsEntry("strategy.levels.hedge", "0.2").containsEntry("strategy.sizing.leverage", "2");
        assertThat(t.get(0).spec().seed()).isEqualTo(11);
        assertThat(t.get(1).spec().seed()).isEqualTo(12);
        assertThat(t.get(2).spec().params()).containsEntry("strategy.sizing.leverage", "3");
        // different seeds give different fills under the realistic simulator; different params different results
        assertThat(t.get(0).metrics().eventLogSha256()).isNotEqualTo(t.get(1).metrics().eventLogSha256());
        assertThat(t.get(0).metrics().finalEquity()).isNotEqualTo(t.get(2).metrics().finalEquity());
    }

    @Test
    void deflatedSharpeUsesTheNumberOfConfigurationsTried() {
        assertThat(oneThread.configurations()).isEqualTo(8);
        double[] means = oneThread.configs().stream().mapToDouble(Sweep.ConfigSummary::meanSharpePerBar).toArray();
        double v = SharpeRatios.variance(means);
        assertThat(oneThread.sharpeVariance()).isCloseTo(v, within(1e-15));
        assertThat(v).isPositive();
        for (int i = 0; i < oneThread.trials().size(); i++) {
            TrialMetrics m = oneThread.trials().get(i).metrics();
            double expected = SharpeRatios.deflated(m.sharpePerBar(), m.returns(), m.skewness(), m.kurtosis(), v, 8);
            assertThat(oneThread.deflatedSharpe()[i]).isCloseTo(expected, within(1e-15));
            // with 8 trials the bar is higher than 0: DSR below PSR
            assertThat(oneThread.deflatedSharpe()[i]).isLessThan(m.psr());
            // and it differs from what 1 or 100 trials would give
            double with100 = SharpeRatios.deflated(m.sharpePerBar(), m.returns(), m.skewness(), m.kurtosis(), v, 100);
            assertThat(oneThread.deflatedSharpe()[i]).isGreaterThan(with100);
        }
    }

    @Test
    void rankingIsByMeanSharpe() {
        List<Sweep.ConfigSummary> r = oneThread.ranking();
        for (int i = 1; i < r.size(); i++) {
            assertThat(r.get(i - 1).meanSharpe()).isGreaterThanOrEqualTo(r.get(i).meanSharpe());
        }
        Sweep.ConfigSummary c0 = oneThread.configs().get(0);
        double mean = (oneThread.trials().get(0).metrics().sharpe() + oneThread.trials().get(1).metrics().sharpe()) / 2;
        assertThat(c0.meanSharpe()).isCloseTo(mean, within(1e-12));
    }

    @Test
    void heatmapHoldsEachConfigurationsMeanSharpe() {
        Sweep.Heatmap h = Sweep.heatmap(oneThread, "Sharpe", Sweep.ConfigSummary::meanSharpe);
        assertThat(h.xPath()).isEqualTo("strategy.levels.hedge");
        assertThat(h.yPath()).isEqualTo("strategy.sizing.leverage");
        assertThat(h.x()).containsExactly(0.2, 0.22, 0.24, 0.26);
        assertThat(h.y()).containsExactly(2.0, 3.0);
        assertThat(h.z()[1][1]).isEqualTo(oneThread.configs().get(3).meanSharpe());
        assertThat(h.bestOfOthers()).isFalse();
    }

    @Test
    void rejectedConfigurationsAreSkippedAndNotCounted() {
        FibTrialFactory f = TestBinder.factory(candles.slice(0, 400));
        ParamGrid g = ParamGrid.parse(List.of("strategy.levels.hedge=0.30,0.40"));
        Sweep.Outcome o = Sweep.run(f, new TrialRunner(f, 2), g, 1, 1, null, TrialRunner.Progress.NONE);
        assertThat(o.configurations()).isEqualTo(1);
        assertThat(o.skipped()).singleElement().satisfies(s -> {
            assertThat(s.params()).containsEntry("strategy.levels.hedge", "0.4");
            assertThat(s.reason()).contains("scale = 0.382", "strictly ascending: hedge 0.4 < scale");
        });
        // a single configuration: the DSR is the PSR
        assertThat(o.deflatedSharpe()[0]).isEqualTo(o.trials().get(0).metrics().psr());
        assertThatThrownBy(() -> Sweep.run(f, new TrialRunner(f, 1), ParamGrid.parse(List.of("strategy.nope=1,2")), 1, 1,
                null, TrialRunner.Progress.NONE)).isInstanceOf(UserError.class).hasMessageContaining("strategy.nope");
    }
}
