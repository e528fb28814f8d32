package io.hypertrader.live.feed;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.live.exchange.TransportException;

import java.util.List;
import java.util.Map;

/**
 * Live market data as the runners consume it: recent candles and mid prices. The REST
 * implementation ({@link RestMarketFeed}) polls {@code candleSnapshot} and {@code allMids}; a
 * WebSocket implementation ({@link WebSocketMarketFeed}) replaces it without touching the runners.
 */
public interface MarketFeed extends AutoCloseable {

    /**
     * Recent candles of {@code coin} (at least the last {@code count} bars up to {@code nowMs}),
     * ascending by open time; may include the still-forming bar (callers keep only bars whose
     * close time is before now).
     */
    List<Candle> recentCandles(Coin coin, Interval interval, int count, long nowMs) throws TransportException;

    /** Current mid price per coin name. */
    Map<String, Double> mids() throws TransportException;

    /**
     * What happened to the feed since the last call (e.g. a switch between WebSocket and REST),
     * one line each, for the runner's journal. Called from the runner's thread.
     */
    default List<String> notices() {
        return List.of();
    }

    /**
     * True while mids are pushed to this feed as they change (a healthy WebSocket): the runner then
     * acts on each push as it arrives and polls only for the rest. Polling feeds: false.
     */
    default boolean pushing() {
        return false;
    }

    /** A number that changes with every pushed mids update (0 for polling feeds). */
    default long midsVersion() {
        return 0;
    }

    /**
     * Blocks until the mids are newer than version {@code seen} or {@code timeoutMs} passed, and
     * returns the version then. Polling feeds return {@code seen} at once.
     */
    default long awaitMids(long seen, long timeoutMs) throws InterruptedException {
        return seen;
    }

    /** When the newest pushed mids arrived, {@link System#nanoTime()}; 0 for polling feeds. */
    default long midsArrivedNanos() {
        return 0;
    }

    /**
     * Asks the feed to follow the coin's best bid and offer and asset context from now on (a
     * WebSocket subscribes to {@code bbo} and {@code activeAssetCtx}); polling feeds ignore it.
     */
    default void watchBookAndContext(Coin coin) {
    }

    /** The coin's latest best bid and offer, {@code {bid, ask}}, or null when the feed has none. */
    default double[] bestBidAsk(Coin coin) {
        return null;
    }

    /**
     * The coin's current hourly funding rate as the exchange reports it in its asset context
     * (predicted for the next settlement); NaN when the feed cannot tell. Paper runs pay their
     * simulated positions' funding on the hour at this rate.
     */
    default double fundingRate(Coin coin) throws TransportException {
        return Double.NaN;
    }

    /** Releases connections (a WebSocket); polling feeds hold none. */
    @Override
    default void close() {
    }
}
