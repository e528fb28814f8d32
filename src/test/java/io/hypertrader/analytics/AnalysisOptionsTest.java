package io.hypertrader.analytics;

import io.hypertrader.core.Interval;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalysisOptionsTest {

    static PerformanceInput curve() {
        int n = 400;
        long[] t = new long[n];
        double[] e = new double[n], p = new double[n], x = new double[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        e[0] = 1000;
        p[0] = 50;
        for (int i = 0; i < n; i++) {
            t[i] = i * 3_600_000L;
            if (i > 0) {
                e[i] = e[i - 1] * (1 + 0.0004 + 0.01 * rng.nextGaussian());
                p[i] = p[i - 1] * (1 + 0.01 * rng.nextGaussian());
            }
        }
        return new PerformanceInput(Interval.H1, t, e, p, x, List.of(), List.of(), CostTotals.NONE);
    }

    @Test
    void pointEstimatesSkipOnlyTheBootstrap() {
        Metrics full = MetricsCalculator.DEFAULT.compute(curve(), AnalysisOptions.single(5));
        Metrics point = MetricsCalculator.DEFAULT.compute(curve(), AnalysisOptions.pointEstimates(5));
        assertThat(point.returns()).isEqualTo(full.returns());
        assertThat(point.drawdown()).isEqualTo(full.drawdown());
        assertThat(point.significance().probabilisticSharpe()).isEqualTo(full.significance().probabilisticSharpe());
        assertThat(point.significance().bootstrapSamples()).isZero();
        assertThat(point.significance().sharpeInterval().lower()).isNaN();
        assertThat(point.significance().maxDrawdownInterval().upper()).isNaN();
        assertThat(full.significance().sharpeInterval().lower()).isFinite();
        assertThat(point.warnings()).noneMatch(w -> w.contains("bootstrap interval"));
    }

    @Test
    void aFewResamplesAreRefused() {
        assertThatThrownBy(() -> new AnalysisOptions(1, 5, 0, 0.95, 1, Double.NaN))
                .hasMessageContaining("bootstrapSamples must be 0 (none) or >= 10, got 5");
    }
}
