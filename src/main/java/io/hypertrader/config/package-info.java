/**
 * Configs: {@link io.hypertrader.config.ConfigLoader}, the only place YAML (or JSON) configs are
 * read, one step per file: {@code YamlReader} (strict YAML: size, documents, duplicate keys,
 * finite numbers), {@code Overrides} (dotted paths), {@code ConfigDefaults} (the records' defaults
 * as a tree, and the merge), {@code Binder} with {@code ConfigModule} (Jackson binding onto the
 * records, strict scalars, the messages; canonical JSON), {@code StrategyFile} (a strategy file's
 * sections) and {@link io.hypertrader.config.SizingRules} (sizing that could never place an
 * order). The records validate themselves: the strategy's parameter record lives with the strategy
 * ({@code strategy.fib.FibHedgeParams}), the simulator's with the simulator ({@code sim.SimConfig}),
 * the risk limits with the risk manager; here are the top-level records
 * ({@link io.hypertrader.config.StrategyConfig}, {@link io.hypertrader.config.PromotionConfig}).
 */
package io.hypertrader.config;
