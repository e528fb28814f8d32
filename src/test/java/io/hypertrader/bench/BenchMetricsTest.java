package io.hypertrader.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hypertrader.analytics.RoundTrip;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

class BenchMetricsTest {

    private static final Coin BTC = Coin.of("BTC");

    private static Fill fill(long t, Side side, double price, double size, double fee) {
        return new Fill(t, BTC, side, t, price, size, fee, false, price, 0, false);
    }

    @Test
    void aPositionThatReturnsToZeroIsOneRoundTripNetOfFees() {
        List<RoundTrip> trips = BenchMetrics.roundTrips(List.of(
                fill(1, Side.BUY, 100, 2, 0.2),
                fill(2, Side.BUY, 110, 1, 0.1),     // adds: average 103.33
                fill(3, Side.SELL, 120, 3, 0.3)));  // closes: 360 - 310 - 0.6 fees
        assertThat(trips).hasSize(1);
        assertThat(trips.get(0).openTime()).isEqualTo(1);
        assertThat(trips.get(0).closeTime()).isEqualTo(3);
        assertThat(trips.get(0).netPnl()).isCloseTo(49.4, within(1e-9));
    }

    @Test
    void aFlipThroughZeroSplitsTheFillAndItsFeeProRata() {
        List<RoundTrip> trips = BenchMetrics.roundTrips(List.of(
                fill(1, Side.BUY, 100, 1, 0.1),
                fill(2, Side.SELL, 90, 3, 0.3),     // closes the long at 90 (fee 0.1), opens a 2 short (fee 0.2)
                fill(3, Side.BUY, 80, 2, 0.2),      // closes the short: +20 - 0.2 - 0.2
                fill(4, Side.BUY, 80, 1, 0.1)));    // opens a long that never closes: no round trip
        assertThat(trips).hasSize(2);
        assertThat(trips.get(0).netPnl()).isCloseTo(-10 - 0.1 - 0.1, within(1e-9));
        assertThat(trips.get(1).openTime()).isEqualTo(2);
        assertThat(trips.get(1).netPnl()).isCloseTo(20 - 0.2 - 0.2, within(1e-9));
    }
}
