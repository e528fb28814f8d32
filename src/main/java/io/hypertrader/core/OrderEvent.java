package io.hypertrader.core;

/**
 * What happened to an order, in past tense. Every order produces exactly one terminal event
 * ({@link Filled}, {@link Cancelled} or {@link Rejected}); {@link Accepted} and
 * {@link PartiallyFilled} come before it when they apply. Times are UTC epoch milliseconds (replay
 * time in backtests). Sizes are positive coin quantities.
 */
public sealed interface OrderEvent {

    long orderId();

    Coin coin();

    long timeMs();

    /** The venue accepted the order (it reached the venue and passed its checks). */
    record Accepted(long orderId, Coin coin, long timeMs) implements OrderEvent {
    }

    /** Part of the order filled; {@code filledSize} is the cumulative filled size, {@code remaining} what is still open. */
    record PartiallyFilled(long orderId, Coin coin, long timeMs, Fill fill, double filledSize, double remaining)
            implements OrderEvent {
    }

    /** The order filled completely; {@code fill} is the last part, {@code avgPrice} the VWAP over all parts. */
    record Filled(long orderId, Coin coin, long timeMs, Fill fill, double filledSize, double avgPrice)
            implements OrderEvent {
    }

    /** The order ended without filling completely; {@code filledSize} may be positive. */
    record Cancelled(long orderId, Coin coin, long timeMs, double filledSize, String reason) implements OrderEvent {
    }

    /** The venue (or the risk manager) refused the order; nothing filled. */
    record Rejected(long orderId, Coin coin, long timeMs, RejectCode code, String message) implements OrderEvent {
    }
}
