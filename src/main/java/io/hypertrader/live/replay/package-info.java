/**
 * The simulator in a deployment's world: what paper trades on
 * ({@link io.hypertrader.live.replay.PaperSimulation}: the {@code realistic} simulated venue driven
 * along live points, the strategies behind one account-wide risk manager, the one kernel), and the
 * replays of what a deployment recorded that {@code parity} compares it with: its recorded candles
 * through the backtester ({@link io.hypertrader.live.replay.PaperEngine}) and its recorded stream
 * in replay time ({@link io.hypertrader.live.replay.StreamReplay}), paired order by order and fill
 * by fill ({@link io.hypertrader.live.replay.Parity}).
 *
 * <p>Why a package of its own: the real-time paper runner and the replays must build the same
 * simulation the same way (profile, seed, capital, cap, risk limits), or parity would measure the
 * difference between two builders instead of between a deployment and the engine. It reads the
 * store and the deployment's plan and knows nothing of runners, feeds or the exchange.
 */
package io.hypertrader.live.replay;
