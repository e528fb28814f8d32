/**
 * Market data in, as the runners consume it: one interface ({@link io.hypertrader.live.feed.MarketFeed}:
 * recent candles and mids) and its two sources, REST polling
 * ({@link io.hypertrader.live.feed.RestMarketFeed}) and the WebSocket stream that falls back to it
 * ({@link io.hypertrader.live.feed.WebSocketMarketFeed}).
 *
 * <p>Why a package of its own: the runners must not care where a price came from, and a new
 * source (a recorded stream, another transport) replaces a feed here without touching them. It
 * reads the exchange through {@code live.exchange} and knows nothing of orders, stores or runners.
 */
package io.hypertrader.live.feed;
