-- Migration 3: sweeps, Monte Carlo and walk-forward runs (one row each) and their backtests.
-- Written once per sweep with the DuckDB Appender after all backtests finished.
CREATE TABLE sweeps (
    sweep_id        VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,   -- sweep | montecarlo | walkforward
    created_at_ms   BIGINT NOT NULL,
    config_path     VARCHAR,
    config_hash     VARCHAR,
    params_spec     JSON NOT NULL,      -- the --param flags as given, a JSON array of strings
    seeds           INTEGER NOT NULL,
    base_seed       BIGINT NOT NULL,
    threads         INTEGER NOT NULL,
    configurations  INTEGER NOT NULL,   -- N, the deflated Sharpe ratio's number of trials
    trials          INTEGER NOT NULL,   -- backtests run
    sharpe_variance DOUBLE,             -- V, variance of the configurations' per-bar Sharpe ratios
    data_from_ms    BIGINT,
    data_to_ms      BIGINT,
    bars            INTEGER,
    code_version    VARCHAR,
    elapsed_ms      BIGINT,
    manifest        JSON                -- ordered key/value object
);
CREATE TABLE sweep_results (
    sweep_id         VARCHAR NOT NULL,
    trial            INTEGER NOT NULL,  -- index in the sweep's trial order
    config_index     INTEGER NOT NULL,  -- grid point
    params           JSON NOT NULL,     -- {"strategy.levels.hedge": "0.22", ...}
    seed             BIGINT NOT NULL,
    path_mode        VARCHAR,           -- null = the config's
    window_index     INTEGER,           -- walk-forward window, null otherwise
    phase            VARCHAR NOT NULL,  -- grid | montecarlo | train | test
    from_ms          BIGINT,            -- evaluated bar open times [from_ms, to_ms), null = all
    to_ms            BIGINT,
    initial_equity   DOUBLE,
    final_equity     DOUBLE,
    total_return     DOUBLE,
    cagr             DOUBLE,
    volatility       DOUBLE,
    sharpe           DOUBLE,
    sharpe_per_bar   DOUBLE,
    sortino          DOUBLE,
    calmar           DOUBLE,
    max_drawdown     DOUBLE,
    psr              DOUBLE,
    deflated_sharpe  DOUBLE,
    skewness         DOUBLE,
    kurtosis         DOUBLE,
    returns          INTEGER,
    trades           INTEGER,
    win_rate         DOUBLE,
    profit_factor    DOUBLE,
    cycles           INTEGER,
    capture_median   DOUBLE,
    capture_pooled   DOUBLE,
    capture_ideal    DOUBLE,
    fees             DOUBLE,
    funding          DOUBLE,
    slippage         DOUBLE,
    time_in_market   DOUBLE,
    buy_hold_return  DOUBLE,
    fills            INTEGER,
    rejected         INTEGER,
    liquidations     INTEGER,
    event_log_sha256 VARCHAR,
    PRIMARY KEY (sweep_id, trial)
);
