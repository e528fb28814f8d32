/**
 * How a deployment is stopped, by the user and by the exchange when its runner dies: the stop
 * signal between processes ({@link io.hypertrader.live.control.StopControl}, a file beside the
 * database a runner checks every loop), the emergency stop on the exchange
 * ({@link io.hypertrader.live.control.StopExecutor}: cancel every open order of the coins and,
 * with flatten, close each position reduce-only), and Hyperliquid's dead man's switch kept armed
 * while a runner is alive ({@link io.hypertrader.live.control.DeadManSwitch}).
 *
 * <p>Why a package of its own: these are the safety paths, used from {@code hypertrader stop} in
 * any process as well as from the runners, and they must work when nothing else does (no open
 * database, no strategy, no venue). They talk to the exchange through {@code live.exchange} only.
 */
package io.hypertrader.live.control;
