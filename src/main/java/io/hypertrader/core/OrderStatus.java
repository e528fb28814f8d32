package io.hypertrader.core;

/**
 * Life-cycle status of an order. PENDING: decided, not yet at the venue (latency); OPEN: accepted
 * and resting or partially filled. Every order ends in exactly one terminal status: FILLED,
 * CANCELLED (with its filled size, which may be positive) or REJECTED (with a reason).
 */
public enum OrderStatus {
    PENDING,
    OPEN,
    FILLED,
    CANCELLED,
    REJECTED;

    public boolean terminal() {
        return this == FILLED || this == CANCELLED || this == REJECTED;
    }
}
