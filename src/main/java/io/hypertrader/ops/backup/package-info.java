/**
 * Backups of the DuckDB file (docs/operations.md "Backups"): {@link io.hypertrader.ops.backup.BackupWriter}
 * (a consistent Parquet export while runners write, hashed, with a manifest, renamed into place),
 * {@link io.hypertrader.ops.backup.Restorer} (verify, load, migrate forward, swap in),
 * {@link io.hypertrader.ops.backup.Retention} (keep N daily) and
 * {@link io.hypertrader.ops.backup.BackupScheduler} (daily while a runner runs).
 */
package io.hypertrader.ops.backup;
