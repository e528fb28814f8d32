/**
 * Market data: the DuckDB file and its schema migrations ({@link io.hypertrader.data.Database},
 * {@link io.hypertrader.data.Migrations}), the candle/funding/meta store, the Hyperliquid /info
 * client with its rate-limited, retrying HTTP transport, CSV/JSON importers and the seeded
 * synthetic-candle generator.
 *
 * <p>No strategy, engine or simulator code belongs here. Times are UTC epoch milliseconds
 * everywhere; a candle's time is its open time.
 */
package io.hypertrader.data;
