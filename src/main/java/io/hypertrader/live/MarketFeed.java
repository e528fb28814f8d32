package io.hypertrader.live;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;

import java.util.List;
import java.util.Map;

/**
 * Live market data as the runners consume it: recent candles and mid prices. The REST
 * implementation ({@link RestMarketFeed}) polls {@code candleSnapshot} and {@code allMids}; a
 * WebSocket implementation can replace it without touching the runners.
 */
public interface MarketFeed {

    /**
     * Recent candles of {@code coin} (at least the last {@code count} bars up to {@code nowMs}),
     * ascending by open time; may include the still-forming bar (callers keep only bars whose
     * close time is before now).
     */
    List<Candle> recentCandles(Coin coin, Interval interval, int count, long nowMs) throws TransportException;

    /** Current mid price per coin name. */
    Map<String, Double> mids() throws TransportException;
}
