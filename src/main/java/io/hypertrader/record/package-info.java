/**
 * {@code hypertrader record}: a long-running recorder that grows the stored history past the
 * exchange's 5000-candle window. Closed candles of the configured coins and intervals, funding
 * settlements and asset contexts arrive on the WebSocket or are caught up over REST after any gap
 * (start, disconnect, kill -9, a sleeping machine), and are written into the project's DuckDB file
 * idempotently, one short unit of work at a time, so other commands can use the file while it runs.
 *
 * <p>{@link io.hypertrader.record.Recorder} is the loop (one thread, an injected clock);
 * {@link io.hypertrader.record.CandleTrack}, {@link io.hypertrader.record.FundingTrack} and
 * {@link io.hypertrader.record.ContextTrack} decide per series what to write and when to read
 * REST; {@link io.hypertrader.record.RecorderStore} does every database write;
 * {@link io.hypertrader.record.RecordSettings} is what to record (flags or a YAML file).
 */
package io.hypertrader.record;
