-- Migration 11: the recorder (hypertrader record) and where each stored series came from.
-- Numbered 11 (market data, second migration) rather than the next free number, so that branches
-- adding migrations in parallel do not collide.
-- Times are UTC epoch milliseconds.

-- Asset contexts of a perpetual (Hyperliquid's activeAssetCtx / metaAndAssetCtxs), one sample per
-- coin and slot of the recorder's sampling grid (--contexts, 1m by default). time_ms is the slot
-- start; sampled_at_ms is when the sample arrived (the first one in the slot is kept). The exchange
-- keeps no history of contexts: a slot the recorder was not running for stays empty.
-- funding_rate is the current (predicted) hourly rate, not a settlement (those are in funding).
-- via: 'ws' (pushed on the activeAssetCtx channel) or 'rest' (read from metaAndAssetCtxs).
-- Columns the exchange may omit (mid, premium, impact prices) are NULL when it did.
CREATE TABLE asset_ctx (
    coin           VARCHAR NOT NULL,
    time_ms        BIGINT  NOT NULL,
    sampled_at_ms  BIGINT  NOT NULL,
    mark_px        DOUBLE  NOT NULL,
    oracle_px      DOUBLE  NOT NULL,
    mid_px         DOUBLE,
    open_interest  DOUBLE,
    premium        DOUBLE,
    funding_rate   DOUBLE,
    day_ntl_vlm    DOUBLE,
    day_base_vlm   DOUBLE,
    prev_day_px    DOUBLE,
    impact_bid_px  DOUBLE,
    impact_ask_px  DOUBLE,
    via            VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    PRIMARY KEY (coin, time_ms)
);

-- Which command wrote into each series: one row per (dataset, coin, interval, writer), the span of
-- times it wrote (first/last bar open, settlement or slot) and how many new rows it added.
-- dataset: candles, funding, asset_ctx; interval: '' for funding and asset_ctx; writer: fetch,
-- import, record. The source column of the data rows says where the values came from; this table
-- says which tool brought them, so a series grown by fetch and record together shows both.
CREATE TABLE series_sources (
    dataset        VARCHAR NOT NULL,
    coin           VARCHAR NOT NULL,
    interval       VARCHAR NOT NULL,
    writer         VARCHAR NOT NULL,
    first_ms       BIGINT  NOT NULL,
    last_ms        BIGINT  NOT NULL,
    rows_new       BIGINT  NOT NULL,
    last_write_ms  BIGINT  NOT NULL,
    PRIMARY KEY (dataset, coin, interval, writer)
);

-- The recorder's confirmation cursor per candle series: every bar opening at or before
-- verified_up_to_ms has been read from candleSnapshot (the exchange's final values; bars it does
-- not have are absent). Bars after it were written from the WebSocket's last update when they
-- closed and are re-read from REST later, so a recorder killed at any moment resumes here.
CREATE TABLE recorder_cursor (
    coin              VARCHAR NOT NULL,
    interval          VARCHAR NOT NULL,
    verified_up_to_ms BIGINT  NOT NULL,
    updated_at_ms     BIGINT  NOT NULL,
    PRIMARY KEY (coin, interval)
);

-- One row per recorder name (--name, default 'default'): who runs it, since when, its last
-- heartbeat and last write, and when it stopped cleanly (NULL while running or after a kill).
CREATE TABLE recorder_status (
    name               VARCHAR NOT NULL PRIMARY KEY,
    host               VARCHAR NOT NULL,
    pid                BIGINT  NOT NULL,
    started_at_ms      BIGINT  NOT NULL,
    heartbeat_ms       BIGINT  NOT NULL,
    heartbeat_every_ms BIGINT  NOT NULL,
    last_write_ms      BIGINT,
    stopped_at_ms      BIGINT,
    series             VARCHAR NOT NULL,
    note               VARCHAR
);
