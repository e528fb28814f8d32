/**
 * Order execution shared by every venue: the {@code ExecutionVenue} contract, order tracking,
 * and {@link io.hypertrader.exec.OrderRounding}, the one price/size grid used by the simulator
 * and the live Hyperliquid venue alike.
 */
package io.hypertrader.exec;
