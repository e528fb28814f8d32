package io.hypertrader.analytics;

import io.hypertrader.core.Interval;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Sharpe ratio of log returns and the warning when it disagrees in sign with the simple one. */
class SharpeLogTest {
    @Test
    void upFiftyDownFortyHasAPositiveMeanReturnButLosesMoney() {
        // +50 %, -40 %, repeated: mean simple return +5 % per bar, growth 1.5 * 0.6 = 0.9 per pair
        int n = 41;
        long[] t = new long[n];
        double[] e = new double[n], p = new double[n], x = new double[n];
        e[0] = 10_000;
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000_000L + i * 3_600_000L;
            p[i] = 100;
            if (i > 0) {
                e[i] = e[i - 1] * (i % 2 == 1 ? 1.5 : 0.6);
            }
        }
        Metrics m = MetricsCalculator.DEFAULT.compute(new PerformanceInput(Interval.H1, t, e, p, x, List.of(), List.of(),
                CostTotals.NONE), AnalysisOptions.pointEstimates(1));
        assertThat(m.returns().totalReturn()).isCloseTo(Math.pow(0.9, 20) - 1, within(1e-12));
        assertThat(m.returns().sharpe()).isPositive();
        // log returns: ln 1.5 and ln 0.6 alternating; mean (ln 0.9) / 2, sample sd of the two values
        double a = Math.log(1.5), b = Math.log(0.6), mean = (a + b) / 2;
        double sd = Math.sqrt(20 * ((a - mean) * (a - mean) + (b - mean) * (b - mean)) / 39);
        assertThat(m.returns().sharpeLog()).isCloseTo(mean / sd * Math.sqrt(8760), within(1e-9)).isNegative();
        assertThat(m.warnings()).anyMatch(w -> w.startsWith("The Sharpe ratio of simple returns (+")
                && w.contains("of log returns (-") && w.contains("disagree in sign"));
        assertThat(m.figures()).anyMatch(f -> f.key().equals("sharpe_log") && f.value() == m.returns().sharpeLog());
    }

    @Test
    void agreeingSignsRaiseNoWarningAndRuinLeavesTheLogSharpeUndefined() {
        long[] t = {0, 3_600_000, 7_200_000, 10_800_000};
        double[] p = {1, 1, 1, 1}, x = {0, 0, 0, 0};
        Metrics up = MetricsCalculator.DEFAULT.compute(new PerformanceInput(Interval.H1, t, new double[]{100, 110, 105, 120},
                p, x, List.of(), List.of(), CostTotals.NONE), AnalysisOptions.pointEstimates(1));
        assertThat(up.returns().sharpeLog()).isPositive();
        assertThat(up.warnings()).noneMatch(w -> w.contains("disagree in sign"));
        Metrics ruin = MetricsCalculator.DEFAULT.compute(new PerformanceInput(Interval.H1, t, new double[]{100, 50, 0, 10},
                p, x, List.of(), List.of(), CostTotals.NONE), AnalysisOptions.pointEstimates(1));
        assertThat(ruin.returns().sharpeLog()).isNaN();
    }
}
