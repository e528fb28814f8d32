package io.hypertrader.core;

/**
 * Why a venue (simulated or real) refused an order. Refusals are values carried by
 * {@link OrderEvent.Rejected}, never exceptions.
 */
public enum RejectCode {
    /** Order value below Hyperliquid's $10 minimum. */
    MIN_NOTIONAL,
    /** Price not on the coin's price grid (5 significant figures, 6 - szDecimals decimals). */
    PRICE_OFF_GRID,
    /** Size not a multiple of the coin's size step, or not positive. */
    SIZE_OFF_GRID,
    /** Not enough free collateral for the initial margin the order needs. */
    INSUFFICIENT_MARGIN,
    /** A reduce-only order that would increase or flip the position. */
    REDUCE_ONLY,
    /** Order notional above the configured cap. */
    NOTIONAL_CAP,
    /** A post-only (ALO) order that would take liquidity on arrival. */
    POST_ONLY_WOULD_TAKE,
    /** A random venue refusal (the simulator's configured random rejection rate). */
    RANDOM,
    /** Refused by a risk rule before reaching the venue. */
    RISK,
    /** Refused by the exchange for another reason (the message says which). */
    EXCHANGE,
    /** The venue does not know the coin. */
    UNKNOWN_COIN
}
