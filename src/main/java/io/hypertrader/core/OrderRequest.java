package io.hypertrader.core;

import java.util.Objects;

/**
 * A command to place one order (what a strategy asks a venue to do). Sizes are positive coin
 * quantities; prices USDC. {@code limitPrice} is NaN for MARKET and trigger orders (a trigger
 * becomes a market order when hit); {@code triggerPrice} is NaN unless the type is a trigger.
 * Prices and sizes must already lie on the coin's grid (use {@code exec.OrderRounding}): a
 * venue rejects, never silently rounds.
 *
 * @param tag free text for journals and reports (e.g. "hedge", "entry"); not sent to the exchange
 */
public record OrderRequest(Coin coin, Side side, OrderType type, double size, double limitPrice,
                           double triggerPrice, TimeInForce tif, boolean reduceOnly, String tag) {

    public OrderRequest {
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tif, "tif");
        tag = tag == null ? "" : tag;
        if (!(size > 0) || Double.isInfinite(size)) {
            throw new IllegalArgumentException("order size must be positive and finite, got " + size);
        }
        if (type == OrderType.LIMIT && !(limitPrice > 0)) {
            throw new IllegalArgumentException("a limit order needs a positive limit price, got " + limitPrice);
        }
        if (type.isTrigger() && !(triggerPrice > 0)) {
            throw new IllegalArgumentException("a " + type + " order needs a positive trigger price, got " + triggerPrice);
        }
    }

    /** A market order (IOC). */
    public static OrderRequest market(Coin coin, Side side, double size, boolean reduceOnly, String tag) {
        return new OrderRequest(coin, side, OrderType.MARKET, size, Double.NaN, Double.NaN, TimeInForce.IOC, reduceOnly, tag);
    }

    /** A limit order with the given time in force. */
    public static OrderRequest limit(Coin coin, Side side, double size, double price, TimeInForce tif, String tag) {
        return new OrderRequest(coin, side, OrderType.LIMIT, size, price, Double.NaN, tif, false, tag);
    }

    /** A stop-market order (reduce-only when protecting a position). */
    public static OrderRequest stop(Coin coin, Side side, double size, double trigger, boolean reduceOnly, String tag) {
        return new OrderRequest(coin, side, OrderType.STOP, size, Double.NaN, trigger, TimeInForce.IOC, reduceOnly, tag);
    }

    /** A take-profit market order. */
    public static OrderRequest takeProfit(Coin coin, Side side, double size, double trigger, boolean reduceOnly, String tag) {
        return new OrderRequest(coin, side, OrderType.TAKE_PROFIT, size, Double.NaN, trigger, TimeInForce.IOC, reduceOnly, tag);
    }

    /** Signed position change if fully filled: +size for a buy, -size for a sell. */
    public double signedSize() {
        return side.sign() * size;
    }
}
