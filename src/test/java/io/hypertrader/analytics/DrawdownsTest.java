package io.hypertrader.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DrawdownsTest {

    @Test
    void seriesIsFractionBelowRunningPeak() {
        // peaks 100, 110, 110, 110, 119.79 -> 0, 0, 1 - 99/110 = 0.1, 1 - 108.9/110 = 0.01, 0
        double[] dd = Drawdowns.series(new double[]{100, 110, 99, 108.9, 119.79});
        assertThat(dd).containsExactly(new double[]{0, 0, 0.1, 0.01, 0}, within(1e-12));
    }

    @Test
    void recoveredDrawdown() {
        // max drawdown 1 - 99/110 = 0.1 from peak index 1 to trough index 2; 119.79 >= 110 at index 4 recovers
        Drawdowns.Summary s = Drawdowns.summarize(new double[]{100, 110, 99, 108.9, 119.79});
        assertThat(s.maxDrawdown()).isCloseTo(0.1, within(1e-12));
        assertThat(s.peakIndex()).isEqualTo(1);
        assertThat(s.troughIndex()).isEqualTo(2);
        assertThat(s.recoveryIndex()).isEqualTo(4);
        assertThat(s.longestUnderwaterStart()).isEqualTo(1);
        assertThat(s.longestUnderwaterEnd()).isEqualTo(4);
        assertThat(s.longestUnderwaterRecovered()).isTrue();
    }

    @Test
    void deepestAndLongestAreDifferentStretches() {
        // stretch A: peak 100 at 0, trough 90 at 1 (dd 0.10), back to 100 at 2 -> 2 points long
        // stretch B: peak 100 at 2, trough 94 at 4 (dd 0.06), back above at 6 (101) -> 4 points long
        Drawdowns.Summary s = Drawdowns.summarize(new double[]{100, 90, 100, 95, 94, 96, 101});
        assertThat(s.maxDrawdown()).isCloseTo(0.10, within(1e-12));
        assertThat(s.peakIndex()).isZero();
        assertThat(s.troughIndex()).isEqualTo(1);
        assertThat(s.recoveryIndex()).isEqualTo(2);
        assertThat(s.longestUnderwaterStart()).isEqualTo(2);
        assertThat(s.longestUnderwaterEnd()).isEqualTo(6);
        assertThat(s.longestUnderwaterRecovered()).isTrue();
    }

    @Test
    void unrecoveredDrawdownRunsToTheEnd() {
        // peak 120 at 1, trough 90 at 2: dd = 30/120 = 0.25; 110 at 4 is still below 120
        Drawdowns.Summary s = Drawdowns.summarize(new double[]{100, 120, 90, 100, 110});
        assertThat(s.maxDrawdown()).isCloseTo(0.25, within(1e-12));
        assertThat(s.recoveryIndex()).isEqualTo(-1);
        assertThat(s.longestUnderwaterStart()).isEqualTo(1);
        assertThat(s.longestUnderwaterEnd()).isEqualTo(4);
        assertThat(s.longestUnderwaterRecovered()).isFalse();
    }

    @Test
    void risingCurveHasNoDrawdown() {
        Drawdowns.Summary s = Drawdowns.summarize(new double[]{1, 2, 2, 3});
        assertThat(s.maxDrawdown()).isZero();
        assertThat(s.peakIndex()).isEqualTo(-1);
        assertThat(s.longestUnderwaterStart()).isEqualTo(-1);
    }
}
