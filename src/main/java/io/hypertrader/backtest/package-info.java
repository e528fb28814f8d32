/**
 * The replay loop ({@link io.hypertrader.backtest.Backtester}) that drives strategies and the
 * simulated venue over stored candles, its in-memory result ({@link
 * io.hypertrader.backtest.BacktestResult}, primitive arrays per bar plus order/fill/cycle
 * records). Pure: no database, no files, no clock; runs are stored by {@code io.hypertrader.store}.
 */
package io.hypertrader.backtest;

