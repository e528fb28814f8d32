/**
 * Where backtests meet the database and the disk, kept out of the engine so the engine stays pure
 * (Strata's calculators are the model): stored runs ({@link io.hypertrader.store.RunStore}), the
 * backtest job that loads candles and funding and stores its run
 * ({@link io.hypertrader.store.BacktestJob}), the report of a stored run
 * ({@link io.hypertrader.store.ReportService}), stored sweeps
 * ({@link io.hypertrader.store.SweepStore}) and the resumable search cache
 * ({@link io.hypertrader.store.SearchTrialStore}).
 */
package io.hypertrader.store;
