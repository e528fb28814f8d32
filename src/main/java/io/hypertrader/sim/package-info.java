/**
 * The execution simulator of docs/simulator.md: {@link io.hypertrader.sim.SimulatedVenue} (an {@code
 * ExecutionVenue} for backtests and paper runs), the bar path, the simulator's parameter record
 * {@link io.hypertrader.sim.SimConfig} with its three profiles, and (in {@code model}) the
 * seeded latency, slippage, fill, fee, funding and rejection models.
 */
package io.hypertrader.sim;
