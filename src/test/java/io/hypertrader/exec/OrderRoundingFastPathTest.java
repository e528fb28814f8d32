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

    private static void checkPrice(double px, int sz, boolean spot) {
        if (!(px > 0) || Double.isInfinite(px)) {
            return;
        }
        for (java.math.RoundingMode mode : new java.math.RoundingMode[]{java.math.RoundingMode.CEILING, java.math.RoundingMode.FLOOR}) {
            double want = OrderRounding.roundPrice(BigDecimal.valueOf(px), sz, spot, mode).doubleValue();
            double got = OrderRounding.roundPrice(px, sz, spot, mode);
            if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(got)) {
                fail("roundPrice(%s, %d, %s, %s): BigDecimal %s, fast %s", px, sz, spot, mode, want, got);
            }
        }
    }

    private static void aroundPrice(double px, int sz, boolean spot) {
        checkPrice(px, sz, spot);
        double up = px;
        double down = px;
        for (int i = 0; i < 3; i++) {
            up = Math.nextUp(up);
            down = Math.nextDown(down);
            checkPrice(up, sz, spot);
            checkPrice(down, sz, spot);
        }
    }

    /** Taker and limit prices: ticks of 5 significant figures and at most 6 (8 spot) - szDecimals decimals. */
    @Test
    void directedPriceRoundingEqualsTheBigDecimalDefinition() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 300_000; i++) {
            boolean spot = rnd.nextInt(4) == 0;
            int sz = rnd.nextInt(spot ? 9 : 7);
            // anywhere over many decades, as slippage makes them
            checkPrice(Math.pow(10, rnd.nextDouble(-9, 7)) * rnd.nextDouble(1, 10), sz, spot);
            // on 5-significant-figure and decimal grids, and next to them
            int dec = rnd.nextInt(11);
            long k = rnd.nextLong(1, rnd.nextBoolean() ? 100_000 : 10_000_000_000L);
            aroundPrice(k / Math.pow(10, dec), sz, spot);
            aroundPrice(BigDecimal.valueOf(k).movePointLeft(dec).doubleValue(), sz, spot);
            // what the venue computes: an arrival price times one plus a slippage
            double a = BigDecimal.valueOf(rnd.nextLong(1, 100_000)).movePointLeft(rnd.nextInt(7)).doubleValue();
            checkPrice(a * (1 + rnd.nextDouble(-0.01, 0.01)), sz, spot);
        }
        for (int sz = 0; sz <= 8; sz++) {
            for (double px : new double[]{99_999.5, 100_000, Math.nextDown(100_000.0), 100_000.5, 9.99995, 0.0000001,
                    1e-7, 1e-12, Double.MIN_VALUE, 12_345.67, 0.1 + 0.2, 1.005, 64_123.456, 1e15 + 0.5, 0x1p53}) {
                aroundPrice(px, sz, true);
                if (sz <= 6) {
                    aroundPrice(px, sz, false);
                }
            }
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
