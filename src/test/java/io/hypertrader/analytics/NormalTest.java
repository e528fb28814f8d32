package io.hypertrader.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Reference values are standard normal table values (checked with Python's statistics.NormalDist / math.erfc). */
class NormalTest {

    @Test
    void cdfMatchesTableValues() {
        assertThat(Normal.cdf(0)).isEqualTo(0.5);
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-15));
        assertThat(Normal.cdf(-1)).isCloseTo(0.15865525393145707, within(1e-15));
        assertThat(Normal.cdf(0.5)).isCloseTo(0.6914624612740131, within(1e-15));
        // Tails keep relative accuracy: Phi(-6) = erfc(6/sqrt 2)/2 = 9.865876450377e-10, Phi(-9) = 1.1285884059538e-19.
        assertThat(Normal.cdf(-6)).isCloseTo(9.865876450377e-10, within(1e-21));
        assertThat(Normal.cdf(-9)).isCloseTo(1.1285884059538e-19, within(1e-30));
        assertThat(Normal.cdf(9)).isEqualTo(1.0);
        assertThat(Normal.cdf(Double.NaN)).isNaN();
    }

    @Test
    void cdfIsSymmetricAndMonotone() {
        double prev = 0;
        for (double x = -8; x <= 8; x += 0.01) {
            double p = Normal.cdf(x);
            assertThat(p).as("x=%s", x).isGreaterThanOrEqualTo(prev);
            assertThat(p + Normal.cdf(-x)).as("x=%s", x).isCloseTo(1.0, within(1e-15));
            prev = p;
        }
    }

    @Test
    void quantileMatchesTableValues() {
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-13));
        assertThat(Normal.quantile(0.95)).isCloseTo(1.6448536269514722, within(1e-13));
        assertThat(Normal.quantile(0.05)).isCloseTo(-1.6448536269514722, within(1e-13));
        assertThat(Normal.quantile(0.999)).isCloseTo(3.090232306167813, within(1e-12));
        assertThat(Normal.quantile(1e-10)).isCloseTo(-6.361340902404056, within(1e-11));
        assertThat(Normal.quantile(1 - 1e-12)).isCloseTo(7.0344869100478356, within(1e-4));
        assertThat(Normal.quantile(0.5)).isCloseTo(0.0, within(1e-16));
        assertThat(Normal.quantile(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Normal.quantile(1)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void quantileInvertsCdf() {
        for (double p = 0.0005; p < 1; p += 0.001) {
            assertThat(Normal.cdf(Normal.quantile(p))).as("p=%s", p).isCloseTo(p, within(1e-14));
        }
    }

    @Test
    void quantileRefusesProbabilitiesOutsideUnitInterval() {
        assertThatThrownBy(() -> Normal.quantile(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> Normal.quantile(Double.NaN)).hasMessageContaining("NaN");
    }
}
