package io.hypertrader.bench;

import io.hypertrader.bench.harness.Measurement;
import io.hypertrader.bench.harness.ProcessTimer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A user's cold {@code ./hypertrader report RUN_ID} of a 5000-bar run as a new process, start to
 * exit: JVM start, opening the database, re-running the run and checking its event-log hash, the
 * path interval (three more runs), the metrics with their bootstrap, the analysis tables, every
 * chart, the CSV and JSON files and the page. Set-up, untimed: the benchmark dataset imported into
 * a temporary database and the default config backtested on its last 5000 candles with
 * {@code --no-report}. Then one untimed report (the OS caches the files), then the median of the
 * timed ones. Run from the project folder; skipped, with the reason, when the launcher is not there.
 */
final class ReportCliSection implements BenchSection {
    static final String REPORT = "cold CLI: ./hypertrader report RUN_ID, 5000 candles";
    private static final Duration TIMEOUT = LauncherWorkspace.TIMEOUT;

    private final Path projectDir;

    ReportCliSection() {
        this(Path.of("").toAbsolutePath());
    }

    /** @param projectDir folder holding the {@code hypertrader} launcher (the working folder of every run) */
    ReportCliSection(Path projectDir) {
        this.projectDir = projectDir;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public List<BenchRow> run(BenchOptions o) {
        String unavailable = LauncherWorkspace.unavailable(projectDir, "report");
        if (unavailable != null) {
            return List.of(BenchRow.skipped(REPORT, 3, "s", unavailable));
        }
        try (LauncherWorkspace w = LauncherWorkspace.open(projectDir, "hypertrader-bench-report")) {
            ProcessTimer.Output bt = ProcessTimer.run(w.backtest("--no-report"), projectDir, TIMEOUT);
            String runId = bt.text().lines().filter(l -> l.startsWith("run ")).map(l -> l.substring(4).trim())
                    .findFirst().orElse(null);
            if (bt.exitCode() != 0 || runId == null) {
                return List.of(BenchRow.skipped(REPORT, 3, "s", "the set-up backtest failed (exit " + bt.exitCode() + ")"));
            }
            List<String> cmd = w.onDb("report", runId, "--reports", w.tmp.resolve("reports").toString());
            int runs = o.quick() ? 1 : Math.max(3, Math.min(o.repetitions(), 7));
            Measurement m = ProcessTimer.time(cmd, projectDir, 1, runs, TIMEOUT);
            return List.of(BenchRow.lowerIsBetter(REPORT, m.medianNanos() / 1e9, 3, "s")
                    .withDetail("report of the default config's realistic run on the last 5000 candles of " + w.data.name()
                            + ": re-run and hash check, path interval, bootstrap, analysis, 12 charts, files; "
                            + FibHedgeSection.spread(m)));
        }
    }
}
