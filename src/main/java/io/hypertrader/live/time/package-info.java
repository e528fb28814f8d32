/**
 * The runner's clocks held against the world (issue 10 point 7): this machine's clock against
 * the exchange's ({@link io.hypertrader.live.time.ClockWatch}), bars that are due and have not
 * arrived ({@link io.hypertrader.live.time.BarWatch}, which watches a feed without costing a
 * request), and the one call per loop that runs both
 * ({@link io.hypertrader.live.time.TimeChecks}); warnings journaled as kinds {@code clock} and
 * {@code feed}.
 *
 * <p>Why a package of its own: both checks answer one question, "is the time this runner acts on
 * the time it is?", and neither trades. Time is always the runner's injected clock, passed in.
 * It uses the feed interface and the deployment's plan (coins and interval), nothing else of
 * {@code live}.
 */
package io.hypertrader.live.time;
