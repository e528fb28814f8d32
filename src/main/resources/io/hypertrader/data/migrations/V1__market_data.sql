-- Migration 1: market data. Times are UTC epoch milliseconds; a candle's key is its open time.
-- Prices are DOUBLE: the replay loop works on doubles, and exchange-side exactness is handled
-- by exec/OrderRounding when anything goes on the wire.

-- One OHLCV bar per (coin, interval, open time). close_time_ms = open + interval - 1 for fixed
-- intervals (Hyperliquid's T). trades is NULL when the source does not report it.
-- source names where the bar came from ("hyperliquid-mainnet", "csv:coinbase", "synthetic", ...);
-- one series never mixes sources (the store refuses it).
CREATE TABLE candles (
    coin          VARCHAR NOT NULL,
    interval      VARCHAR NOT NULL,
    open_time_ms  BIGINT  NOT NULL,
    close_time_ms BIGINT  NOT NULL,
    open          DOUBLE  NOT NULL,
    high          DOUBLE  NOT NULL,
    low           DOUBLE  NOT NULL,
    close         DOUBLE  NOT NULL,
    volume        DOUBLE  NOT NULL,
    trades        BIGINT,
    source        VARCHAR NOT NULL,
    fetched_at_ms BIGINT  NOT NULL,
    PRIMARY KEY (coin, interval, open_time_ms)
);

-- Funding settlements of a perpetual. rate is the hourly (since mid-2023) funding rate as a
-- fraction (0.0001 = 0.01 %); positive means longs pay shorts. premium may be NULL.
-- time_ms is the exchange's settlement time, which can carry millisecond offsets.
CREATE TABLE funding (
    coin          VARCHAR NOT NULL,
    time_ms       BIGINT  NOT NULL,
    rate          DOUBLE  NOT NULL,
    premium       DOUBLE,
    source        VARCHAR NOT NULL,
    fetched_at_ms BIGINT  NOT NULL,
    PRIMARY KEY (coin, time_ms)
);

-- Perp universe entry per network (asset ids differ between mainnet and testnet).
-- asset_index is the position in meta.universe (the /exchange asset id for default-dex perps).
CREATE TABLE coin_meta (
    network       VARCHAR NOT NULL,
    coin          VARCHAR NOT NULL,
    asset_index   INTEGER NOT NULL,
    sz_decimals   INTEGER NOT NULL,
    max_leverage  INTEGER NOT NULL,
    only_isolated BOOLEAN NOT NULL DEFAULT FALSE,
    is_delisted   BOOLEAN NOT NULL DEFAULT FALSE,
    fetched_at_ms BIGINT  NOT NULL,
    PRIMARY KEY (network, coin)
);
