/**
 * Many backtests of one config: parameter grids and seed ensembles ({@link
 * io.hypertrader.backtest.sweep.Sweep}), Monte Carlo over seeds and intrabar path modes ({@link
 * io.hypertrader.backtest.sweep.MonteCarlo}) and walk-forward optimisation ({@link
 * io.hypertrader.backtest.sweep.WalkForward}), run in parallel on a fixed thread pool by {@link
 * io.hypertrader.backtest.sweep.TrialRunner}, and stored in DuckDB by {@link
 * io.hypertrader.store.SweepStore}.
 *
 * <p>Determinism: every trial builds its own strategy and simulated venue from its own spec
 * (parameters, seed, path mode, window) and shares nothing mutable; results are ordered by trial
 * index, never by completion, so the same sweep gives the same table on 1 or 32 threads.
 * Figures come from {@code analytics} (point estimates per trial; the deflated Sharpe ratio once
 * the whole grid is known).
 */
package io.hypertrader.backtest.sweep;

