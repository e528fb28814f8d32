-- Migration 5: risk events of backtest runs. A backtest runs behind the config's risk limits with
-- the same risk manager as paper and live runs; everything it did is kept here, in event order.
-- Orders it refused are also in run_orders and run_rejections (negative order ids, code RISK):
-- count rejections there, risk events here.

-- seq: order of the events within the run; time_ms: replay time (UTC epoch ms); rule: the RiskRule
-- (POSITION_SIZE, POSITION_CAP, LEVERAGE, DAILY_LOSS, POSITION_STOP, OPEN_COINS, ORDER_NOTIONAL,
-- ORDER_RATE); coin: the coin, '*' for account-wide events; action: REFUSED (an order), CLOSE (a
-- forced close of a position), HALTED (the daily loss limit started blocking); reason: the rule
-- and its numbers in a sentence.
CREATE TABLE run_risk_events (
    run_id  VARCHAR NOT NULL,
    seq     INTEGER NOT NULL,
    time_ms BIGINT  NOT NULL,
    rule    VARCHAR NOT NULL,
    coin    VARCHAR NOT NULL,
    action  VARCHAR NOT NULL,
    reason  VARCHAR NOT NULL,
    PRIMARY KEY (run_id, seq)
);
