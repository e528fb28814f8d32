/**
 * Alerts (docs/operations.md "Alerts"): the sealed {@link io.hypertrader.ops.alert.AlertEvent}
 * kinds, the channels (webhook in JSON, Slack or Discord shape; e-mail over SMTP; Telegram's Bot
 * API), {@link io.hypertrader.ops.alert.AlertDispatcher} (asynchronous per-channel lanes, retry with
 * backoff, dedupe, journaling), {@link io.hypertrader.ops.alert.AlertMonitor} (failure-rate,
 * latency and socket thresholds), the daily summary, and alerts.yaml
 * ({@link io.hypertrader.ops.alert.AlertsConfigLoader}).
 *
 * <p>How a runner wires it: load the config ({@code AlertsConfigLoader.loadDefault(env)}), build
 * the channels ({@code Channels.of}), start a dispatcher with a
 * {@link io.hypertrader.ops.alert.LiveStoreAlertJournal}, submit events from the loop, feed an
 * {@code AlertMonitor} with order outcomes, latencies and socket states, close the dispatcher at
 * the end. Nothing here blocks the caller.
 */
package io.hypertrader.ops.alert;
