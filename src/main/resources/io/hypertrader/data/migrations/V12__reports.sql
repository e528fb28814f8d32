-- Migration 12: what the reports add to stored runs.
-- run_path_interval: every backtest also runs under the other intrabar path modes (which of a bar's
-- extremes comes first; docs/simulator.md, "The bar path"); one row per mode, main = the run's own mode (its
-- event log is the run's). The interval of final equity, return and max drawdown over the rows is
-- the report's path interval.
CREATE TABLE run_path_interval (
    run_id           VARCHAR NOT NULL,
    path_mode        VARCHAR NOT NULL,  -- bullish-low-first | high-first | low-first | worst-case
    main             BOOLEAN NOT NULL,  -- the run's own path mode
    final_equity     DOUBLE  NOT NULL,
    total_return     DOUBLE  NOT NULL,
    max_drawdown     DOUBLE  NOT NULL,
    event_log_sha256 VARCHAR NOT NULL,
    PRIMARY KEY (run_id, path_mode)
);
-- The annualised Sharpe ratio of log returns ln(1 + r_t) per sweep backtest (its sign is the total
-- return's); null for backtests stored before this migration.
ALTER TABLE sweep_results ADD COLUMN sharpe_log DOUBLE;
