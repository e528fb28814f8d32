package io.hypertrader.live.deployment;

import io.hypertrader.live.store.LiveStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The deployment's own book: average cost, realized P&L net of fees, flips, exposure at marks. */
class DeploymentBookTest {

    @Test
    void averageCostRealizedPnlNetOfFeesAndFlips() {
        DeploymentBook b = DeploymentBook.of(List.of(
                fill("BTC", "BUY", 100, 1, 0.1),
                fill("BTC", "BUY", 200, 1, 0.1)));
        assertThat(b.position("BTC")).isEqualTo(2);
        assertThat(b.entry("BTC")).isEqualTo(150);
        assertThat(b.realized()).isCloseTo(-0.2, within(1e-12));
        b.add("BTC", false, 1, 180, 0.3); // closes 1 at +30
        assertThat(b.realized()).isCloseTo(30 - 0.5, within(1e-12));
        assertThat(b.entry("BTC")).isEqualTo(150);
        b.add("BTC", false, 3, 120, 0); // closes 1 at -30, opens a 2 short at 120
        assertThat(b.position("BTC")).isEqualTo(-2);
        assertThat(b.entry("BTC")).isEqualTo(120);
        assertThat(b.realized()).isCloseTo(-0.5, within(1e-12));
        assertThat(b.unrealized(c -> 110)).isCloseTo(20, within(1e-12));
        assertThat(b.exposure(c -> 110)).isCloseTo(220, within(1e-12));
        assertThat(b.exposure(c -> Double.NaN)).as("no mark: at entry").isCloseTo(240, within(1e-12));
        b.add("BTC", true, 2, 100, 0);
        assertThat(b.position("BTC")).isZero();
        assertThat(b.entry("BTC")).isNaN();
        assertThat(b.realized()).isCloseTo(39.5, within(1e-12));
        assertThat(b.unrealized(Map.of("BTC", 1.0)::get)).isZero();
    }

    static LiveStore.FillRow fill(String coin, String side, double px, double sz, double fee) {
        return new LiveStore.FillRow("k" + px + side, 1L, coin, side, 0, px, sz, fee, false, false);
    }
}
