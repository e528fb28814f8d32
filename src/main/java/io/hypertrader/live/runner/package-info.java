/**
 * The long-running processes that trade a deployment: the paper runner (real time on the
 * simulator, at live prices) and the testnet/mainnet runner (on the exchange venue), what they
 * share ({@link io.hypertrader.live.runner.RunnerBase}: the loop's bounds and pacing, candle
 * polling and recording, heartbeats, the stop signal, the session's bookkeeping), and the
 * strategy memory across restarts ({@link io.hypertrader.live.runner.StrategyStates}: restore the
 * journaled state, then reconcile it with the positions, halting with exit 5 on a difference).
 *
 * <p>Why a package of its own: this is the only place that wires the other parts of {@code live}
 * together (the feed, the time checks, the store and its lease, the venue, the stop paths, the
 * deployment's capital, paper's simulation) around the one {@code kernel.TradingKernel}; nothing
 * else in {@code live} depends on it, so each of those parts can be read and tested alone.
 */
package io.hypertrader.live.runner;
