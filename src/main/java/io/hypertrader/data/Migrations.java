package io.hypertrader.data;

import java.util.List;

/**
 * The ordered list of every schema migration the code knows. Each area adds its migration here
 * as one line plus one SQL file under {@code src/main/resources/io/hypertrader/data/migrations/}.
 */
public final class Migrations {
    private Migrations() {
    }

    private static final List<Migration> ALL = List.of(
            Migration.fromResource(1, "market data: candles, funding, coin_meta", "migrations/V1__market_data.sql"),
            Migration.fromResource(2, "backtest runs: manifest, orders, fills, equity, positions, cycles", "migrations/V2__backtest_runs.sql"),
            Migration.fromResource(3, "sweeps: sweeps, sweep_results", "migrations/V3__sweeps.sql"),
            Migration.fromResource(4, "live trading: deployments, journal, orders, fills, risk events", "migrations/V4__live_trading.sql"),
            Migration.fromResource(5, "backtest risk events: run_risk_events", "migrations/V5__run_risk_events.sql"),
            Migration.fromResource(6, "deployment leases and endpoints: deployment_leases, deployments.endpoint",
                    "migrations/V6__deployment_leases.sql"),
            Migration.fromResource(11, "recorder: asset_ctx, series_sources, recorder_cursor, recorder_status", "migrations/V11__recorder.sql"),
            Migration.fromResource(12, "reports: run_path_interval, sweep_results.sharpe_log", "migrations/V12__reports.sql"),
            Migration.fromResource(15, "backtest detail: runs.detail_interval", "migrations/V15__run_detail.sql"),
            Migration.fromResource(18, "searches: search_trials (resumable sweep --search)", "migrations/V18__search_trials.sql"),
            Migration.fromResource(19, "live stream: live_points (the price points runners acted on)", "migrations/V19__live_points.sql")
            // 2 = backtest runs (engine), 3 = sweeps/analytics, 4 = live trading/deployments, 6 = deployment leases,
            // 11 = market data's second (the recorder), 12 = the reports' (path interval, log Sharpe),
            // numbered apart from the 6, 7... of parallel branches.
    );

    /** All migrations, ascending by version. */
    public static List<Migration> all() {
        return ALL;
    }

    /** The highest version this code can create or read. */
    public static int latestVersion() {
        return ALL.stream().mapToInt(Migration::version).max().orElse(0);
    }
}
