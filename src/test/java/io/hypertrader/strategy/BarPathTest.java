package io.hypertrader.strategy;

import io.hypertrader.core.BarPath;
import io.hypertrader.core.Coin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four points of a bar's path as docs/simulator.md, "The bar path", tabulates them, and the
 * quiet-bar fast path's points ({@link QuietBar}) are the very same: one owner, so a quiet bar's
 * points cannot drift from the replay's.
 */
class BarPathTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void pointsAreOpenThirdsAndLastMillisecond() {
        long t = 1_700_000_000_000L;
        assertThat(BarPath.time(t, HOUR, 0)).isEqualTo(t);
        assertThat(BarPath.time(t, HOUR, 1)).isEqualTo(t + 1_200_000L);
        assertThat(BarPath.time(t, HOUR, 2)).isEqualTo(t + 2_400_000L);
        assertThat(BarPath.time(t, HOUR, 3)).isEqualTo(t + HOUR - 1).isEqualTo(BarPath.closeTime(t, HOUR));
        // a bar length not divisible by three: integer thirds, the second from 2 * barMs
        assertThat(BarPath.time(0, 100, 1)).isEqualTo(33);
        assertThat(BarPath.time(0, 100, 2)).isEqualTo(66);

        assertThat(BarPath.price(10, 12, 9, 11, true, 0)).isEqualTo(10);
        assertThat(BarPath.price(10, 12, 9, 11, true, 1)).isEqualTo(9);
        assertThat(BarPath.price(10, 12, 9, 11, true, 2)).isEqualTo(12);
        assertThat(BarPath.price(10, 12, 9, 11, false, 1)).isEqualTo(12);
        assertThat(BarPath.price(10, 12, 9, 11, false, 2)).isEqualTo(9);
        assertThat(BarPath.price(10, 12, 9, 11, false, 3)).isEqualTo(11);
    }

    @Test
    void quietBarPointsAreBarPathPoints() {
        long t = 1_700_000_000_000L;
        long barMs = 5 * 60_000L + 1; // odd length: the thirds round down
        for (boolean lowFirst : new boolean[]{true, false}) {
            QuietBar bar = new QuietBar();
            bar.startRun(Coin.of("BTC"), barMs, true, 0, Double.NaN);
            bar.bar(t, 100, 104, 97, 102, 5, 1000, lowFirst);
            assertThat(bar.points()).isEqualTo(BarPath.POINTS);
            for (int j = 0; j < BarPath.POINTS; j++) {
                assertThat(bar.time(j)).isEqualTo(BarPath.time(t, barMs, j));
                assertThat(bar.price(j)).isEqualTo(BarPath.price(100, 104, 97, 102, lowFirst, j));
            }
            QuietBar close = new QuietBar();
            close.startRun(Coin.of("BTC"), barMs, false, 0, Double.NaN);
            close.bar(t, 100, 104, 97, 102, 5, 1000, lowFirst);
            assertThat(close.points()).isEqualTo(1);
            assertThat(close.time(0)).isEqualTo(BarPath.closeTime(t, barMs));
            assertThat(close.price(0)).isEqualTo(102);
        }
    }
}
