/**
 * Strategies and the context they run in. A strategy talks only to its {@link
 * io.hypertrader.strategy.StrategyContext} (an {@code ExecutionVenue} and a {@code
 * MarketDataSource}), so the same code runs in backtest, paper and live. Nothing here may import
 * the simulator, the live venue, the data store, HTTP, JDBC or Jackson (a test enforces it).
 */
package io.hypertrader.strategy;
