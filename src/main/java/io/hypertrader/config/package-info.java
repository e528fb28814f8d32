/**
 * Configs: {@link io.hypertrader.config.ConfigLoader}, the only place YAML (or JSON) configs are
 * read, with dotted-path overrides, and the immutable top-level records ({@link
 * io.hypertrader.config.StrategyConfig}, {@link io.hypertrader.config.PromotionConfig}). The
 * strategy's own parameter record lives with the strategy ({@code strategy.fib.FibHedgeParams}),
 * the simulator's with the simulator ({@code sim.SimConfig}); this package binds and validates.
 */
package io.hypertrader.config;
