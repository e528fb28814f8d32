/**
 * The replay loop ({@link io.hypertrader.backtest.Backtester}) that drives strategies and the
 * simulated venue over stored candles, its in-memory result ({@link
 * io.hypertrader.backtest.BacktestResult}, primitive arrays per bar plus order/fill/cycle
 * records), and run storage in DuckDB ({@link io.hypertrader.backtest.RunStore}).
 */
package io.hypertrader.backtest;
