/**
 * What a deployment leaves in DuckDB, and how a process reaches it: the live tables
 * ({@link io.hypertrader.live.store.LiveStore}: deployments, the write-ahead journal, the order and
 * fill books, risk events, recorded candles and points, sessions, stop requests), the unit of work
 * that opens the file only for as long as it needs it ({@link io.hypertrader.live.store.DbAccess}),
 * the journal a runner hands its venue and strategy ({@link io.hypertrader.live.store.DbJournal},
 * one transaction per call), and the lease that lets one process at a time trade a deployment
 * ({@link io.hypertrader.live.store.DeploymentLease}, checked in the same unit of work as every
 * order written ahead).
 *
 * <p>Why a package of its own: every table a runner, {@code status}, {@code stop}, the dashboard
 * or the alerts read is written here, and the rules that make a kill at any moment recoverable
 * (write ahead, one transaction per journal line, the lease verified with the write) live in one
 * place. It implements the venue's {@link io.hypertrader.live.venue.OrderJournal} and the
 * strategy's journal and knows nothing of runners, feeds or the exchange.
 */
package io.hypertrader.live.store;
