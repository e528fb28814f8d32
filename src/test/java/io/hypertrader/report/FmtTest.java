package io.hypertrader.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FmtTest {
    /** The CSV number format: the shortest exact decimal without exponent, the same as BigDecimal would write. */
    @Test
    void plainIsTheShortestDecimalWithoutExponentForEveryMagnitude() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double x = (rng.nextBoolean() ? 1 : -1) * rng.nextDouble() * Math.pow(10, rng.nextInt(-12, 13));
            if (i % 7 == 0) {
                x = Math.rint(x); // whole numbers: "65000", not "65000.0"
            }
            String expected = x == 0 ? "0" : new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
            assertThat(Fmt.plain(x)).as("%s", x).isEqualTo(expected).doesNotContain("E");
        }
        assertThat(Fmt.plain(65000.5)).isEqualTo("65000.5");
        assertThat(Fmt.plain(1.2e-4)).isEqualTo("0.00012");
        assertThat(Fmt.plain(100.0)).isEqualTo("100");
        assertThat(Fmt.plain(-0.5)).isEqualTo("-0.5");
        assertThat(Fmt.plain(Double.NaN)).isEmpty();
    }
}
