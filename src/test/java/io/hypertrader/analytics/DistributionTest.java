package io.hypertrader.analytics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DistributionTest {

    @Test
    void quantilesOfOneToHundredByHand() {
        double[] x = new double[100];
        for (int i = 0; i < 100; i++) {
            x[99 - i] = i + 1; // unsorted on purpose
        }
        Distribution d = Distribution.of(x);
        // h = 99 p: p05 -> 4.95 -> 5 + 0.95 * 1 = 5.95; p25 -> 24.75 -> 25.75; median -> 49.5 -> 50.5
        assertThat(d.p05()).isCloseTo(5.95, within(1e-12));
        assertThat(d.p25()).isCloseTo(25.75, within(1e-12));
        assertThat(d.median()).isCloseTo(50.5, within(1e-12));
        assertThat(d.p75()).isCloseTo(75.25, within(1e-12));
        assertThat(d.p95()).isCloseTo(95.05, within(1e-12));
        assertThat(d.mean()).isEqualTo(50.5);
        // sample sd of 1..100 = sqrt(100 * 101 / 12) = 29.0115
        assertThat(d.stdDev()).isCloseTo(Math.sqrt(100 * 101 / 12.0), within(1e-12));
        assertThat(d.min()).isEqualTo(1);
        assertThat(d.max()).isEqualTo(100);
        assertThat(x[0]).isEqualTo(100); // input untouched
    }

    @Test
    void normalSampleMatchesTheNormalQuantiles() {
        SplittableRandom r = new SplittableRandom(42);
        double[] x = new double[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + 15 * r.nextGaussian();
        }
        Distribution d = Distribution.of(x);
        // N(100, 15): z_0.95 = 1.6449, z_0.75 = 0.6745; standard error of a quantile here ~0.05
        assertThat(d.p95()).isCloseTo(100 + 15 * 1.6448536, within(0.25));
        assertThat(d.p05()).isCloseTo(100 - 15 * 1.6448536, within(0.25));
        assertThat(d.p75()).isCloseTo(100 + 15 * 0.6744898, within(0.2));
        assertThat(d.median()).isCloseTo(100, within(0.2));
        assertThat(d.stdDev()).isCloseTo(15, within(0.1));
    }

    @Test
    void nanIsLeftOutAndEmptyIsNaN() {
        Distribution d = Distribution.of(new double[]{3, Double.NaN, 1});
        assertThat(d.n()).isEqualTo(2);
        assertThat(d.median()).isEqualTo(2);
        assertThat(Distribution.of(new double[0]).median()).isNaN();
        assertThat(Distribution.of(new double[]{7}).p95()).isEqualTo(7);
    }
}
