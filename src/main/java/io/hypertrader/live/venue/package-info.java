/**
 * The engine's venue on the exchange: {@link io.hypertrader.live.venue.HyperliquidVenue}
 * implements {@code exec.ExecutionVenue} over the {@code live.exchange} clients (placement with
 * the venue rules and the price/size grid, cancels, the user stream and the polling that settles
 * what it missed) and writes ahead through {@link io.hypertrader.live.venue.OrderJournal} before
 * any order leaves the process. Beside the venue, each in a file of its own: the order mapping
 * ({@code WireOrders}), the account it reads ({@code AccountBook}), the user stream's queue
 * ({@code UserStreamInbox}) and an order's exchange identity ({@code LiveOrder}), all package-private.
 *
 * <p>Why a package of its own: this is where engine orders become exchange orders and exchange
 * answers become engine events, the one translation a strategy depends on to behave the same in
 * backtest, paper and live. The journal is an interface here so the venue knows nothing of
 * DuckDB ({@code live.store} implements it); the venue knows nothing of runners or deployments.
 */
package io.hypertrader.live.venue;
