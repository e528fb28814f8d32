package io.hypertrader.core;

/**
 * How an order executes. MARKET is sent to Hyperliquid as an IOC limit 5% through the reference
 * price (Hyperliquid has no native market order). STOP and TAKE_PROFIT are trigger orders that
 * become market orders when the price crosses the trigger: a STOP sell (stop-loss of a long)
 * triggers at or below its trigger price, a STOP buy at or above; a TAKE_PROFIT the other way.
 */
public enum OrderType {
    MARKET,
    LIMIT,
    STOP,
    TAKE_PROFIT;

    public boolean isTrigger() {
        return this == STOP || this == TAKE_PROFIT;
    }
}
