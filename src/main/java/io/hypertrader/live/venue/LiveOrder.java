package io.hypertrader.live.venue;

import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.live.sign.Cloid;

import java.math.BigDecimal;

/**
 * A live order of {@link HyperliquidVenue}: the tracked order plus its exchange identity and what
 * the exchange has said of it so far. Mutable, owned by the venue (the runner's thread).
 */
final class LiveOrder {
    final TrackedOrder tracked;
    final Cloid cloid;
    Long oid;
    /** Set when the outcome of the POST is unknown: when it became unknown. */
    long unknownSince = -1;
    /** For an IOC/market answered FILLED: the size the exchange said filled (the rest is cancelled). */
    BigDecimal answeredFilled;
    /** The exchange says the order ended (canceled/rejected); the Cancelled event waits for its fills. */
    String closedStatus;

    LiveOrder(TrackedOrder tracked, Cloid cloid) {
        this.tracked = tracked;
        this.cloid = cloid;
    }
}
