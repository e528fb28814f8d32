package io.hypertrader.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MomentsTest {

    @Test
    void momentsOfFixedVectorComputedByHand() {
        // r = 0.10, -0.10, 0.10, 0.10: mean = 0.20/4 = 0.05
        // deviations 0.05, -0.15, 0.05, 0.05; squares 0.0025, 0.0225, 0.0025, 0.0025 -> sum 0.03
        // sample std = sqrt(0.03/3) = 0.1
        // m2 = 0.03/4 = 0.0075; m3 = (3*0.000125 - 0.003375)/4 = -0.00075; m4 = (3*6.25e-6 + 5.0625e-4)/4 = 1.3125e-4
        // skew = -0.00075 / 0.0075^1.5 = -2/sqrt(3) = -1.1547005383792517; kurt = 1.3125e-4 / 5.625e-5 = 7/3
        Moments m = Moments.of(new double[]{0.10, -0.10, 0.10, 0.10});
        assertThat(m.n()).isEqualTo(4);
        assertThat(m.mean()).isCloseTo(0.05, within(1e-15));
        assertThat(m.stdDev()).isCloseTo(0.1, within(1e-15));
        assertThat(m.skewness()).isCloseTo(-1.1547005383792517, within(1e-12));
        assertThat(m.kurtosis()).isCloseTo(7.0 / 3.0, within(1e-12));
    }

    @Test
    void flatSampleHasNoShape() {
        Moments m = Moments.of(new double[]{0.01, 0.01, 0.01});
        assertThat(m.stdDev()).isZero();
        assertThat(m.skewness()).isNaN();
        assertThat(m.kurtosis()).isNaN();
        assertThat(Moments.of(new double[0]).mean()).isNaN();
        assertThat(Moments.of(new double[]{0.5}).stdDev()).isNaN();
    }
}
