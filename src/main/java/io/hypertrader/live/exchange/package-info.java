/**
 * Hyperliquid's wire, and nothing else: the signed {@code /exchange} client
 * ({@link io.hypertrader.live.exchange.HyperliquidExchangeClient}), the {@code /info} reads a
 * trader needs ({@link io.hypertrader.live.exchange.TradingInfoClient}), the WebSocket client
 * ({@link io.hypertrader.live.exchange.HyperliquidWebSocket}), the transport boundary they share
 * (OkHttp, and the request-weight budget several processes share), and the wire records they
 * parse answers into (orders, fills, statuses, account state, books, candles, funding).
 *
 * <p>Why a package of its own: this is the one place that knows the exchange's JSON, its field
 * names, its rounding grid and its failure modes (a transport error, the exchange refusing
 * service, an outcome unknown after a lost answer). Everything above it (the venue, the feeds,
 * the stop, the runners) talks to the exchange through these types and never builds a request or
 * reads a field itself. It uses {@code live.sign} for signatures and nothing else of {@code live}.
 * Wire DTOs are kept apart from the engine's domain types; numbers that go on the wire pass
 * through {@code io.hypertrader.exec.OrderRounding}. The facts about the exchange are in
 * docs/exchange.md.
 */
package io.hypertrader.live.exchange;
