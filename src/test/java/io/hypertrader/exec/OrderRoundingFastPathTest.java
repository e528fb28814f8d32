package io.hypertrader.exec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property test: the double fast paths of {@link OrderRounding#roundSize(double, int)} and
 * {@link OrderRounding#isValidSize(double, int)} equal the BigDecimal definitions bit for bit, on
 * grid values, their neighbouring doubles, sums and differences of grid values (what a strategy
 * reconciling a target computes), fractions of them, and doubles spread over 18 decades.
 */
class OrderRoundingFastPathTest {

    private static void check(double x, int sz) {
        double want = OrderRounding.roundSize(BigDecimal.valueOf(x), sz).doubleValue();
        double got = OrderRounding.roundSize(x, sz);
        if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(got)) {
            fail("roundSize(%s, %d): BigDecimal %s, fast %s", x, sz, want, got);
        }
        boolean valid = x > 0 && OrderRounding.isValidSize(BigDecimal.valueOf(x), sz);
        if (valid != OrderRounding.isValidSize(x, sz)) {
            fail("isValidSize(%s, %d): BigDecimal %s, fast %s", x, sz, valid, !valid);
        }
    }

    private static void around(double x, int sz) {
        if (!(x >= 0) || Double.isInfinite(x)) {
            return;
        }
        check(x, sz);
        double up = x;
        double down = x;
        for (int i = 0; i < 3; i++) {
            up = Math.nextUp(up);
            check(up, sz);
            down = Math.nextDown(down);
            if (down >= 0) {
                check(down, sz);
            }
        }
    }

    @Test
    void gridValuesAndTheirNeighbours() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 300_000; i++) {
            int sz = rnd.nextInt(9);
            int dec = rnd.nextInt(11);
            long k = rnd.nextLong(1, rnd.nextBoolean() ? 1_000 : 2_000_000_000L);
            around(k / Math.pow(10, dec), sz);
            around(BigDecimal.valueOf(k).movePointLeft(dec).doubleValue(), sz);
        }
    }

    /** Sizes whose scaled value lies between 2^26 and the fast path's limit 2^31 (whole coins at 8 decimals). */
    @Test
    void largeSizesUpToTheFastPathsLimit() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            int sz = rnd.nextInt(9);
            double s = Math.pow(10, sz);
            long k = rnd.nextLong(1L << 26, 1L << 31);
            around(k / s, sz); // on the grid
            around(rnd.nextDouble(0x1p26, 0x1p31) / s, sz); // anywhere
        }
    }

    @Test
    void whatAStrategyComputes() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] nets = {1.0, 0.5, 0.25, -0.25, 0.75, 0.1, 0.3, 1.0 / 3};
        for (int i = 0; i < 200_000; i++) {
            int sz = rnd.nextInt(9);
            double step = Math.pow(10, -sz);
            double q = OrderRounding.roundSize(rnd.nextDouble() * Math.pow(10, rnd.nextInt(-3, 5)), sz);
            double pos = OrderRounding.roundSize(rnd.nextDouble() * Math.pow(10, rnd.nextInt(-3, 5)), sz);
            double target = q * nets[rnd.nextInt(nets.length)];
            around(Math.abs(target - pos), sz);
            around(target, sz);
            around(q + pos, sz);
            around(q * 3 * step, sz);
            double equity = rnd.nextDouble() * 1e6;
            double price = 10 + rnd.nextDouble() * 1e5;
            around(equity * 0.9 * 3 / price, sz); // the sizing rule
        }
    }

    @Test
    void doublesOverManyDecadesIncludingTheBigDecimalFallback() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 500_000; i++) {
            double x = Math.pow(10, rnd.nextDouble(-10, 8)) * rnd.nextDouble(1, 10);
            check(x, rnd.nextInt(9));
        }
        for (int sz = 0; sz <= 8; sz++) {
            check(0.0, sz);
            check(-0.0, sz);
            check(Double.MIN_VALUE, sz);
            check(0x1p26 / Math.pow(10, sz), sz);
            check(Math.nextDown(0x1p26 / Math.pow(10, sz)), sz);
            check(0x1p31 / Math.pow(10, sz), sz); // the fast path's limit
            check(Math.nextDown(0x1p31 / Math.pow(10, sz)), sz);
            around(Math.floor(0x1p31 - 1) / Math.pow(10, sz), sz);
            check(1e15, sz);
            check(0.29, sz);
            check(0.1 + 0.2, sz);
            check(4.35, sz);
            check(1.005, sz);
        }
        assertThat(OrderRounding.roundSize(0.29, 2)).isEqualTo(0.29); // 0.29 * 100 = 28.999999999999996
        assertThat(OrderRounding.roundSize(0.1 + 0.2, 1)).isEqualTo(0.3);
        assertThat(OrderRounding.isValidSize(0.1 + 0.2, 8)).isFalse(); // 0.30000000000000004
        assertThat(OrderRounding.isValidSize(0.29, 2)).isTrue();
    }
}
