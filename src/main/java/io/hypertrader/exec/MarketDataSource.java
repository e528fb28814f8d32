package io.hypertrader.exec;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;

/**
 * Market data as a strategy sees it: replayed candles in backtests, streamed candles and mids
 * live; the strategy cannot tell which. Price callbacks themselves arrive through the strategy's
 * own methods; this interface answers questions about "now" and never about the future.
 */
public interface MarketDataSource {

    /** Current time, UTC epoch ms (replay time in backtests). */
    long now();

    /** Latest observed price of the coin (path price in backtests, mid live); NaN before the first. */
    double lastPrice(Coin coin);

    /** The bar interval the strategy is driven with. */
    Interval interval();
}
