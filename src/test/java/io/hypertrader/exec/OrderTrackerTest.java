package io.hypertrader.exec;

import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderStatus;
import io.hypertrader.core.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lookup by id whether ids come consecutively (the simulator) or not (an exchange's order ids). */
class OrderTrackerTest {
    private static final Coin BTC = Coin.of("BTC");

    private static OrderRequest req() {
        return OrderRequest.market(BTC, Side.BUY, 0.01, false, "t");
    }

    @Test
    void consecutiveIdsAreFoundAndUnknownOnesAreNot() {
        OrderTracker t = new OrderTracker();
        for (long id = 5; id < 10; id++) {
            t.register(id, req(), id, 100);
        }
        for (long id = 5; id < 10; id++) {
            assertThat(t.get(id).id()).isEqualTo(id);
        }
        assertThat(t.get(4)).isNull();
        assertThat(t.get(10)).isNull();
        t.apply(new OrderEvent.Accepted(7, BTC, 8));
        assertThat(t.get(7).status()).isEqualTo(OrderStatus.OPEN);
    }

    @Test
    void idsOutOfSequenceStillResolveAndDuplicatesAreRefused() {
        OrderTracker t = new OrderTracker();
        t.register(1, req(), 0, 100);
        t.register(2, req(), 0, 100);
        t.register(90_000_123L, req(), 0, 100); // breaks the run
        t.register(3, req(), 0, 100);
        assertThat(t.get(1).id()).isEqualTo(1);
        assertThat(t.get(2).id()).isEqualTo(2);
        assertThat(t.get(3).id()).isEqualTo(3);
        assertThat(t.get(90_000_123L).id()).isEqualTo(90_000_123L);
        assertThat(t.get(4)).isNull();
        assertThat(t.all()).extracting(TrackedOrder::id).containsExactly(1L, 2L, 90_000_123L, 3L);
        assertThatThrownBy(() -> t.register(2, req(), 0, 100)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("duplicate order id 2");
        assertThatThrownBy(() -> t.apply(new OrderEvent.Accepted(77, BTC, 0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDuplicateWhileConsecutiveIsRefused() {
        OrderTracker t = new OrderTracker();
        t.register(1, req(), 0, 100);
        assertThatThrownBy(() -> t.register(1, req(), 0, 100)).isInstanceOf(IllegalStateException.class);
        assertThat(t.all()).hasSize(1);
        assertThat(t.get(1)).isNotNull();
    }
}
