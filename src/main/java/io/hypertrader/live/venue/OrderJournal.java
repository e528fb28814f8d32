package io.hypertrader.live.venue;

import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.live.sign.Cloid;

/**
 * Where {@link HyperliquidVenue} writes ahead what it is about to do and records what happened.
 * {@link #intent} is called before an order leaves the process and must throw if it cannot
 * persist it: an order that is not journaled is never sent, so a crash can always be reconciled
 * from the journal. Times are UTC epoch ms of the wall clock.
 */
public interface OrderJournal {

    /** The order {@code id} with client id {@code cloid} is about to be sent (reference price in USDC). */
    void intent(long id, Cloid cloid, OrderRequest request, long timeMs, double referencePrice);

    /**
     * The exchange's answer to the order (or the lack of one): {@code outcome} is RESTING,
     * FILLED, REJECTED, CLOSED, UNKNOWN or NOT_SENT; {@code oid} the exchange order id or null.
     */
    void answer(long id, Cloid cloid, String outcome, Long oid, String detail, long timeMs);

    /** An order event as delivered to the strategy; {@code fillKey} identifies the exchange fill (tid) or null. */
    void event(OrderEvent event, String fillKey);

    /** Something worth keeping that is not an order event (leverage set, discrepancy, savings). */
    void note(String kind, String coin, String detail, long timeMs);

    /** A journal that keeps nothing (tests of the venue alone). */
    OrderJournal NONE = new OrderJournal() {
        @Override
        public void intent(long id, Cloid cloid, OrderRequest request, long timeMs, double referencePrice) {
        }

        @Override
        public void answer(long id, Cloid cloid, String outcome, Long oid, String detail, long timeMs) {
        }

        @Override
        public void event(OrderEvent event, String fillKey) {
        }

        @Override
        public void note(String kind, String coin, String detail, long timeMs) {
        }
    };
}
