/**
 * Metrics (docs/operations.md "Metrics"): {@link io.hypertrader.ops.metrics.TradingMetrics}, the
 * Micrometer facade a runner records orders, fills, latencies, sockets, equity, exposure and risk
 * events with, and {@link io.hypertrader.ops.metrics.MetricsEndpoint}, which serves a Prometheus
 * registry at {@code /metrics}. The Grafana dashboard that reads them is config/grafana/hypertrader.json.
 */
package io.hypertrader.ops.metrics;
