/**
 * Operating a deployment after promotion (docs/operations.md): {@code alert} (events, channels,
 * asynchronous delivery with retry and dedupe, threshold monitor), {@code metrics} (the
 * Micrometer facade and the Prometheus endpoint of a runner), {@code backup} (consistent
 * snapshots of the DuckDB file, restore with migration, retention, the daily scheduler).
 * Each is self-contained: the runners and the web server call these, never the reverse.
 * {@link io.hypertrader.ops.DeploymentOps} is the one object a runner calls per observation.
 */
package io.hypertrader.ops;
