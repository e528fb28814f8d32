-- Migration 18: the backtests of searches (sweep --search, walkforward --search), stored batch by
-- batch while the search runs, so that a rerun of the same search runs only what is missing.
-- A search's key is the SHA-256 of what decides its backtests' results (config with --set, simulator,
-- data, --param space, path mode, evaluation window, code version); the sampler is not in it, so
-- searches of one space share their backtests. The finished search is stored in sweeps/sweep_results.
CREATE TABLE search_trials (
    search_key    VARCHAR NOT NULL,
    point         INTEGER NOT NULL,  -- index of the configuration in the --param space (row-major)
    seed          BIGINT NOT NULL,
    metrics       VARCHAR NOT NULL,  -- the trial's figures (TrialMetrics) as JSON
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (search_key, point, seed)
);
