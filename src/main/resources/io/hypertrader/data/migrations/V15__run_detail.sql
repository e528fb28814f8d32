-- Migration 15: the detail interval of a backtest (--detail INTERVAL, issue 12): its bars were
-- replayed through the finer candles of that interval where all of a bar's were stored. Null: a run
-- without detail (every run stored before this migration).
ALTER TABLE runs ADD COLUMN detail_interval VARCHAR;
