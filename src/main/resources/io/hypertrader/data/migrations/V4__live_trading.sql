-- Live trading (issue 6): deployments, the write-ahead journal, orders, fills, risk events,
-- the candles a run saw (for parity), runner heartbeats and stop requests.
-- Times are UTC epoch milliseconds; money USDC; sizes coins (positive, side separate).
CREATE TABLE deployments (
    id                  VARCHAR PRIMARY KEY,
    stage               VARCHAR NOT NULL,   -- paper | testnet | mainnet
    config_hash         VARCHAR NOT NULL,   -- the engine's config hash (SHA-256 of the canonical JSON)
    config_name         VARCHAR,
    config_path         VARCHAR,
    config_json         VARCHAR NOT NULL,   -- the exact effective config this deployment runs
    account_address     VARCHAR,            -- testnet/mainnet: the trading account (never a key)
    status              VARCHAR NOT NULL,   -- created | running | stopped
    created_ms          BIGINT NOT NULL,
    promoted_from       VARCHAR,
    gate_report         VARCHAR,            -- the gates and numbers that admitted it
    seed                BIGINT NOT NULL,
    initial_equity      DOUBLE,
    position_cap_usd    DOUBLE,             -- mainnet cap (NULL = none)
    confirmed_address   VARCHAR,
    confirmed_until_ms  BIGINT,
    stopped_ms          BIGINT,
    stop_reason         VARCHAR
);
CREATE TABLE live_journal (
    deployment_id  VARCHAR NOT NULL,
    seq            BIGINT NOT NULL,
    wall_ms        BIGINT NOT NULL,
    event_ms       BIGINT,
    kind           VARCHAR NOT NULL,        -- start, candle, decision, order, answer, accepted, fill, cancelled, rejected, risk, reconcile, discrepancy, snapshot, stop, halt, note
    order_id       BIGINT,
    cloid          VARCHAR,
    coin           VARCHAR,
    side           VARCHAR,
    size           DOUBLE,
    price          DOUBLE,
    detail         VARCHAR,
    PRIMARY KEY (deployment_id, seq)
);
CREATE TABLE live_orders (
    deployment_id  VARCHAR NOT NULL,
    order_id       BIGINT NOT NULL,
    cloid          VARCHAR,
    oid            BIGINT,
    coin           VARCHAR NOT NULL,
    side           VARCHAR NOT NULL,
    type           VARCHAR NOT NULL,
    tif            VARCHAR NOT NULL,
    size           DOUBLE NOT NULL,
    limit_px       DOUBLE,
    trigger_px     DOUBLE,
    reduce_only    BOOLEAN NOT NULL,
    tag            VARCHAR,
    status         VARCHAR NOT NULL,        -- PENDING (journaled, answer not yet known), OPEN, FILLED, CANCELLED, REJECTED
    filled         DOUBLE NOT NULL,
    avg_px         DOUBLE,
    decision_ms    BIGINT NOT NULL,
    decision_px    DOUBLE,
    updated_ms     BIGINT NOT NULL,
    reason         VARCHAR,
    PRIMARY KEY (deployment_id, order_id)
);
CREATE TABLE live_fills (
    deployment_id  VARCHAR NOT NULL,
    fill_key       VARCHAR NOT NULL,        -- exchange trade id (t...), or run-local key for paper
    order_id       BIGINT,
    coin           VARCHAR NOT NULL,
    side           VARCHAR NOT NULL,
    time_ms        BIGINT NOT NULL,
    price          DOUBLE NOT NULL,
    size           DOUBLE NOT NULL,
    fee            DOUBLE NOT NULL,
    maker          BOOLEAN NOT NULL,
    forced         BOOLEAN NOT NULL,
    PRIMARY KEY (deployment_id, fill_key)
);
CREATE TABLE live_risk_events (
    deployment_id  VARCHAR NOT NULL,
    seq            BIGINT NOT NULL,
    time_ms        BIGINT NOT NULL,
    rule           VARCHAR NOT NULL,
    coin           VARCHAR NOT NULL,
    action         VARCHAR NOT NULL,
    reason         VARCHAR NOT NULL,
    PRIMARY KEY (deployment_id, seq)
);
CREATE TABLE live_candles (
    deployment_id  VARCHAR NOT NULL,
    coin           VARCHAR NOT NULL,
    interval_code  VARCHAR NOT NULL,
    open_ms        BIGINT NOT NULL,
    open           DOUBLE NOT NULL,
    high           DOUBLE NOT NULL,
    low            DOUBLE NOT NULL,
    close          DOUBLE NOT NULL,
    volume         DOUBLE NOT NULL,
    recorded_ms    BIGINT NOT NULL,
    warmup         BOOLEAN NOT NULL,
    PRIMARY KEY (deployment_id, coin, open_ms)
);
CREATE TABLE live_runs (
    deployment_id  VARCHAR NOT NULL,
    run_no         INTEGER NOT NULL,
    pid            BIGINT NOT NULL,
    started_ms     BIGINT NOT NULL,
    heartbeat_ms   BIGINT NOT NULL,
    ended_ms       BIGINT,
    end_reason     VARCHAR,
    PRIMARY KEY (deployment_id, run_no)
);
CREATE TABLE live_stops (
    deployment_id  VARCHAR NOT NULL,
    requested_ms   BIGINT NOT NULL,
    flatten        BOOLEAN NOT NULL,
    done_ms        BIGINT,
    report         VARCHAR
);
