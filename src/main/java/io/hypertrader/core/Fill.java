package io.hypertrader.core;

/**
 * One execution of (part of) an order. Size is positive (coins), the side says the direction.
 * {@code fee} is what was paid in USDC (negative = rebate). {@code arrivalPrice} is the market
 * price when the order reached the venue (or when a trigger fired); {@code slippageCost} is the
 * USDC lost against it, |price - arrivalPrice| * size when adverse (never negative in the
 * simulator). {@code liquidation} marks a fill the venue forced to close the account.
 */
public record Fill(long orderId, Coin coin, Side side, long timeMs, double price, double size, double fee,
                   boolean maker, double arrivalPrice, double slippageCost, boolean liquidation) {

    /** Signed position change: +size for a buy, -size for a sell. */
    public double signedSize() {
        return side.sign() * size;
    }

    /** USDC value of the fill. */
    public double notional() {
        return price * size;
    }
}
