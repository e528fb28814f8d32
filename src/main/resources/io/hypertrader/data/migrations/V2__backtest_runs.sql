-- Migration 2: backtest runs (engine). Times are UTC epoch ms; money USDC; sizes in coins (signed
-- where it says so: long positive). NaN in the engine is stored as NULL.

-- One row per run: the manifest (everything needed to re-run it: config JSON, simulator JSON,
-- seed, instruments, data range) and the headline numbers.
CREATE TABLE runs (
    run_id            VARCHAR PRIMARY KEY,
    created_at_ms     BIGINT  NOT NULL,
    name              VARCHAR NOT NULL,
    config_json       VARCHAR NOT NULL,
    config_hash       VARCHAR NOT NULL,
    sim_json          VARCHAR NOT NULL,
    sim_profile       VARCHAR NOT NULL,
    path_mode         VARCHAR NOT NULL,
    seed              BIGINT  NOT NULL,
    coins             VARCHAR NOT NULL,
    interval          VARCHAR NOT NULL,
    instruments_json  VARCHAR NOT NULL,
    from_ms           BIGINT  NOT NULL,
    to_ms             BIGINT  NOT NULL,
    row_count         INTEGER NOT NULL,
    funding_source    VARCHAR NOT NULL,
    code_version      VARCHAR NOT NULL,
    event_log_sha256  VARCHAR NOT NULL,
    event_count       BIGINT  NOT NULL,
    initial_equity    DOUBLE  NOT NULL,
    final_equity      DOUBLE  NOT NULL,
    total_return      DOUBLE  NOT NULL,
    max_drawdown      DOUBLE  NOT NULL,
    order_count       INTEGER NOT NULL,
    fill_count        INTEGER NOT NULL,
    rejected_count    INTEGER NOT NULL,
    cancelled_count   INTEGER NOT NULL,
    fees              DOUBLE  NOT NULL,
    funding           DOUBLE  NOT NULL,
    slippage          DOUBLE  NOT NULL,
    price_pnl         DOUBLE  NOT NULL,
    ledger_residual   DOUBLE  NOT NULL,
    traded_notional   DOUBLE  NOT NULL,
    cycle_count       INTEGER NOT NULL,
    liquidation_count INTEGER NOT NULL
);

-- Every order with every timestamp and price of docs/simulator.md ("What a run records").
CREATE TABLE run_orders (
    run_id            VARCHAR NOT NULL,
    order_id          BIGINT  NOT NULL,
    coin              VARCHAR NOT NULL,
    side              VARCHAR NOT NULL,
    order_type        VARCHAR NOT NULL,
    tif               VARCHAR NOT NULL,
    reduce_only       BOOLEAN NOT NULL,
    tag               VARCHAR NOT NULL,
    size              DOUBLE  NOT NULL,
    limit_price       DOUBLE,
    trigger_price     DOUBLE,
    decision_time_ms  BIGINT  NOT NULL,
    decision_price    DOUBLE,
    arrival_time_ms   BIGINT,
    arrival_price     DOUBLE,
    status            VARCHAR NOT NULL,
    reason            VARCHAR NOT NULL,
    reject_code       VARCHAR,
    filled_size       DOUBLE  NOT NULL,
    avg_fill_price    DOUBLE,
    fees              DOUBLE  NOT NULL,
    slippage_cost     DOUBLE  NOT NULL,
    end_time_ms       BIGINT,
    PRIMARY KEY (run_id, order_id)
);

-- Every fill. slippage_cost = signed size * (price - arrival_price): the USDC lost against the
-- market price at arrival (never negative in the simulator). fee positive = paid.
CREATE TABLE run_fills (
    run_id        VARCHAR NOT NULL,
    seq           INTEGER NOT NULL,
    order_id      BIGINT  NOT NULL,
    coin          VARCHAR NOT NULL,
    side          VARCHAR NOT NULL,
    time_ms       BIGINT  NOT NULL,
    price         DOUBLE  NOT NULL,
    size          DOUBLE  NOT NULL,
    fee           DOUBLE  NOT NULL,
    maker         BOOLEAN NOT NULL,
    arrival_price DOUBLE  NOT NULL,
    slippage_cost DOUBLE  NOT NULL,
    liquidation   BOOLEAN NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- Account values after each replay step (bar open time), equity including savings.
CREATE TABLE run_equity (
    run_id      VARCHAR NOT NULL,
    step        INTEGER NOT NULL,
    time_ms     BIGINT  NOT NULL,
    equity      DOUBLE  NOT NULL,
    cash        DOUBLE  NOT NULL,
    margin_used DOUBLE  NOT NULL,
    savings     DOUBLE  NOT NULL,
    PRIMARY KEY (run_id, step)
);

-- Per step and coin: net position (signed), the strategy's legs, and the mark.
CREATE TABLE run_positions (
    run_id    VARCHAR NOT NULL,
    step      INTEGER NOT NULL,
    time_ms   BIGINT  NOT NULL,
    coin      VARCHAR NOT NULL,
    position  DOUBLE  NOT NULL,
    long_leg  DOUBLE  NOT NULL,
    short_leg DOUBLE  NOT NULL,
    mark      DOUBLE,
    PRIMARY KEY (run_id, step, coin)
);

-- Cycles of the fib hedge: E, H, level prices, Q, P&L (after fees, slippage, funding), capture.
CREATE TABLE run_cycles (
    run_id        VARCHAR NOT NULL,
    coin          VARCHAR NOT NULL,
    cycle_index   INTEGER NOT NULL,
    thesis        VARCHAR NOT NULL,
    start_time_ms BIGINT  NOT NULL,
    end_time_ms   BIGINT  NOT NULL,
    q             DOUBLE  NOT NULL,
    e             DOUBLE,
    h             DOUBLE,
    level_hedge   DOUBLE,
    level_scale   DOUBLE,
    level_deep    DOUBLE,
    pnl           DOUBLE  NOT NULL,
    capture       DOUBLE,
    max_state     VARCHAR NOT NULL,
    end_reason    VARCHAR NOT NULL,
    complete      BOOLEAN NOT NULL,
    PRIMARY KEY (run_id, coin, cycle_index)
);

-- State transitions of the strategy (decision time and price, new target net as a fraction of Q).
CREATE TABLE run_transitions (
    run_id     VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    coin       VARCHAR NOT NULL,
    time_ms    BIGINT  NOT NULL,
    price      DOUBLE  NOT NULL,
    from_state VARCHAR NOT NULL,
    to_state   VARCHAR NOT NULL,
    target_net DOUBLE  NOT NULL,
    reason     VARCHAR NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- Orders the venue refused, with the reason (also in run_orders with status REJECTED).
CREATE TABLE run_rejections (
    run_id   VARCHAR NOT NULL,
    order_id BIGINT  NOT NULL,
    time_ms  BIGINT  NOT NULL,
    coin     VARCHAR NOT NULL,
    code     VARCHAR NOT NULL,
    message  VARCHAR NOT NULL,
    PRIMARY KEY (run_id, order_id)
);

-- Forced closes: the signed size closed, mark and fill price, and the equity / maintenance margin that triggered it.
CREATE TABLE run_liquidations (
    run_id      VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,
    time_ms     BIGINT  NOT NULL,
    coin        VARCHAR NOT NULL,
    size        DOUBLE  NOT NULL,
    mark_price  DOUBLE  NOT NULL,
    price       DOUBLE  NOT NULL,
    fee         DOUBLE  NOT NULL,
    equity      DOUBLE  NOT NULL,
    maintenance DOUBLE  NOT NULL,
    PRIMARY KEY (run_id, seq)
);
