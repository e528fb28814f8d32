/**
 * From a backtest's in-memory result to the numbers and pictures a user reads: {@link
 * io.hypertrader.backtest.analysis.RunAdapter} is the one place that turns a {@link
 * io.hypertrader.backtest.BacktestResult} into an {@link io.hypertrader.analytics.PerformanceInput}
 * (equity marked at bar closes, round trips, cycles, costs) and a {@link
 * io.hypertrader.report.ReportData}; {@link io.hypertrader.store.ReportService} writes
 * the report folder of a run.
 *
 * <p>Every figure comes from {@code analytics}; this package only re-shapes the engine's records
 * (times, sides, ids) and derives what the engine does not record itself (round trips, level
 * prices, buy and hold).
 */
package io.hypertrader.backtest.analysis;

