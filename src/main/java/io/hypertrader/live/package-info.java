/**
 * Live trading against Hyperliquid, one idea per sub-package, from the wire up (each uses only
 * the ones above it in this list):
 * <ul>
 *   <li>{@code sign}: action hashing, EIP-712 signatures, nonces, client order ids;
 *       {@code keys}: the encrypted key store;</li>
 *   <li>{@code exchange}: Hyperliquid's wire: the REST exchange and info clients, the WebSocket
 *       client, the transports and the wire records;</li>
 *   <li>{@code feed}: market data in (REST polling, the WebSocket stream);</li>
 *   <li>{@code venue}: {@code HyperliquidVenue}, the engine's venue on the exchange, and the
 *       {@code OrderJournal} it writes ahead through;</li>
 *   <li>{@code control}: the stop signal, the stop executor, the dead man's switch;</li>
 *   <li>{@code store}: the deployment tables, the unit of work ({@code DbAccess}), the DuckDB
 *       journal, the one-runner-per-deployment lease;</li>
 *   <li>{@code deployment}: what a deployment runs ({@code TradingPlan}) and its money (capital
 *       sizing, its own book, the capital venue);</li>
 *   <li>{@code time}: the clock against the exchange's, overdue bars;</li>
 *   <li>{@code replay}: paper's simulation and the replays {@code parity} compares a deployment
 *       with;</li>
 *   <li>{@code gate}: the promotion gates;</li>
 *   <li>{@code runner}: the paper and testnet/mainnet runners, which wire all of the above
 *       around the one trading kernel.</li>
 * </ul>
 * {@code LiveLayeringTest} holds this order (see docs/architecture.md and docs/live.md). Wire DTOs
 * are kept apart from the engine's domain types; numbers that go on the wire pass through
 * {@code io.hypertrader.exec.OrderRounding}.
 */
package io.hypertrader.live;
