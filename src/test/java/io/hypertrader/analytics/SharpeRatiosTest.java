package io.hypertrader.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SharpeRatiosTest {
    // r = 0.10, -0.10, 0.10, 0.10: mean 0.05, sample std 0.1, skew -2/sqrt(3), kurtosis 7/3 (see MomentsTest)
    private static final double[] R = {0.10, -0.10, 0.10, 0.10};

    @Test
    void sharpeAndSortinoByHand() {
        Moments m = Moments.of(R);
        // SR = 0.05 / 0.1 = 0.5 per bar; daily bars: 0.5 * sqrt(365) = 0.5 * 19.1049731745428 = 9.5524865872714
        assertThat(SharpeRatios.perPeriod(m)).isCloseTo(0.5, within(1e-14));
        assertThat(SharpeRatios.annualise(0.5, 365)).isCloseTo(9.5524865872714, within(1e-12));
        // downside deviation = sqrt((-0.1)^2 / 4) = sqrt(0.0025) = 0.05; Sortino = 0.05 / 0.05 = 1
        assertThat(SharpeRatios.sortinoPerPeriod(R)).isCloseTo(1.0, within(1e-14));
        assertThat(SharpeRatios.sortinoPerPeriod(new double[]{0.01, 0.02})).isNaN();
    }

    @Test
    void probabilisticSharpeByHand() {
        // den = 1 - skew*SR + (kurt-1)/4*SR^2 = 1 + 1.1547005384*0.5 + (4/3)/4*0.25 = 1 + 0.5773502692 + 0.0833333333
        //     = 1.6606836025; sqrt = 1.2886751346
        // z = 0.5 * sqrt(3) / 1.2886751346 = 0.8660254038 / 1.2886751346 = 0.6720277132; Phi(z) = 0.7492169731
        double psr = SharpeRatios.probabilistic(0.5, 0, 4, -2 / Math.sqrt(3), 7.0 / 3.0);
        assertThat(psr).isCloseTo(0.7492169731438866, within(1e-12));
        // normal returns (skew 0, kurt 3), SR 0.1 over 101 bars: z = 0.1*10/sqrt(1 + 0.5*0.01) = 1/1.00249688 = 0.99750934
        // Phi(0.99750934) = 0.84074... (table: Phi(0.9975) = 0.84074)
        assertThat(SharpeRatios.probabilistic(0.1, 0, 101, 0, 3)).isCloseTo(0.84074, within(1e-4));
    }

    @Test
    void minimumTrackRecordLengthByHand() {
        // 1 + 1.6606836025 * (1.6448536270 / 0.5)^2 = 1 + 1.6606836025 * 10.8222 = 18.9722066
        assertThat(SharpeRatios.minTrackRecordLength(0.5, 0, -2 / Math.sqrt(3), 7.0 / 3.0, 0.95))
                .isCloseTo(18.972206600518305, within(1e-9));
        assertThat(SharpeRatios.minTrackRecordLength(-0.1, 0, 0, 3, 0.95)).isInfinite();
    }

    @Test
    void deflatedSharpeReproducesBaileyLopezDePradoExample() {
        // "The Deflated Sharpe Ratio" (2014), numerical example: annualised SR 2.5 on 1250 daily returns
        // (250 a year), 100 trials whose annualised Sharpe ratios have variance 0.5, skew -3, kurtosis 10.
        // Per bar: SR = 2.5/sqrt(250) = 0.1581138830; V = 0.5/250 = 0.002.
        // SR0 = sqrt(0.002) * (0.4227843351 * Phi^-1(0.99) + 0.5772156649 * Phi^-1(1 - 1/(100e)))
        //     = 0.0447213595 * (0.4227843351 * 2.3263478740 + 0.5772156649 * 2.6799...) = 0.1132 (paper: 0.1132)
        // DSR = Phi((0.1581 - 0.1132) * sqrt(1249) / sqrt(1 + 3*0.1581 + 9/4*0.025)) = 0.9004 (paper: 0.9004)
        double sr = 2.5 / Math.sqrt(250);
        assertThat(SharpeRatios.expectedMaxSharpe(0.002, 100)).isCloseTo(0.1132, within(5e-5));
        assertThat(SharpeRatios.deflated(sr, 1250, -3, 10, 0.002, 100)).isCloseTo(0.9004, within(5e-5));
    }

    @Test
    void deflationGrowsWithTrials() {
        double sr = 0.05;
        double one = SharpeRatios.deflated(sr, 2000, 0, 3, 0.0004, 1);
        double ten = SharpeRatios.deflated(sr, 2000, 0, 3, 0.0004, 10);
        double thousand = SharpeRatios.deflated(sr, 2000, 0, 3, 0.0004, 1000);
        assertThat(one).isEqualTo(SharpeRatios.probabilistic(sr, 0, 2000, 0, 3));
        assertThat(ten).isLessThan(one);
        assertThat(thousand).isLessThan(ten);
    }

    @Test
    void varianceOfTrialSharpesSkipsUndefined() {
        // 0.1, 0.2, 0.3 (NaN skipped): mean 0.2, squared deviations 0.01, 0, 0.01 -> 0.02 / 2 = 0.01
        assertThat(SharpeRatios.variance(new double[]{0.1, Double.NaN, 0.2, 0.3})).isCloseTo(0.01, within(1e-15));
        assertThat(SharpeRatios.variance(new double[]{0.1})).isNaN();
    }
}
