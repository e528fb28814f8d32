package io.hypertrader.core;

/**
 * Time in force of a limit order, as Hyperliquid names them: GTC rests until filled or
 * cancelled, IOC fills what it can on arrival and cancels the rest, ALO (add liquidity only,
 * post-only) is rejected when it would take liquidity on arrival.
 */
public enum TimeInForce {
    GTC,
    IOC,
    ALO
}
