/**
 * Live trading against Hyperliquid: the REST exchange and info clients, the WebSocket feed, the
 * transport boundary they share; the {@link io.hypertrader.live.venue.HyperliquidVenue} (the engine's
 * venue on the exchange), the deployment store and write-ahead journal
 * ({@link io.hypertrader.live.store.LiveStore}, {@link io.hypertrader.live.store.DbJournal}), the paper and
 * testnet/mainnet runners with start-up reconciliation, one runner per deployment
 * ({@link io.hypertrader.live.store.DeploymentLease}), the clock and overdue-bar checks
 * ({@link io.hypertrader.live.time.TimeChecks}), the stop signal and executor, the promotion gates and
 * parity (see docs/live.md). Sub-packages: {@code sign} (action hashing and EIP-712 signatures, nonces,
 * client order ids), {@code keys} (the encrypted key store), {@code ws} (the WebSocket client).
 *
 * <p>Wire DTOs live here and are kept apart from the engine's domain types; numbers that go on
 * the wire pass through {@code io.hypertrader.exec.OrderRounding}.
 */
package io.hypertrader.live;
