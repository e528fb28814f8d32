package io.hypertrader.risk;

/**
 * An order about to be sent, as the risk manager sees it.
 *
 * @param coin       the coin
 * @param sizeDelta  signed change of position the order would make if filled: + buy, - sell (coins)
 * @param price      the price used to value it (limit price, or the reference mid for market orders), USDC
 * @param reduceOnly whether the order is flagged reduce-only
 * @param timeMs     decision time, UTC epoch ms
 */
public record OrderCheck(String coin, double sizeDelta, double price, boolean reduceOnly, long timeMs) {
    public OrderCheck {
        if (!(price > 0)) {
            throw new IllegalArgumentException("order price must be > 0, got " + price);
        }
        if (sizeDelta == 0 || Double.isNaN(sizeDelta)) {
            throw new IllegalArgumentException("order size must be non-zero, got " + sizeDelta);
        }
    }
}
