package io.hypertrader.bench;

import io.hypertrader.bench.harness.Measurement;
import io.hypertrader.bench.harness.ProcessTimer;
import io.hypertrader.core.CandleSeries;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark item 5 and the start-up rows: a user's commands as new processes, start to exit, each
 * through {@code ./hypertrader} (JVM start, the launcher's start-up cache, class loading, DuckDB's
 * native library, the work, the output).
 * <ul>
 *   <li>cold {@code backtest} of the default config on the last 5000 candles, storing the run and
 *       writing its report (target 3 s);</li>
 *   <li>the commands that only read: {@code --help}, {@code runs}, {@code data list}, {@code status}
 *       (target 1 s each);</li>
 *   <li>{@code verify} of that 5000-bar run (target 3 s) and {@code data import} of the 5000-row CSV
 *       (a re-import: the same parse, validation and upsert of every row; target 2 s).</li>
 * </ul>
 * Set-up, untimed: the benchmark dataset is imported into a temporary database. Each command runs
 * once untimed (the OS caches the files; the launcher may rebuild its jar or its start-up cache),
 * then the median of the timed runs. Run from the project folder; skipped, with the reason, when
 * the launcher is not there or the build has no {@code backtest} command.
 */
final class ColdCliSection implements BenchSection {
    static final String COLD = "cold CLI: ./hypertrader backtest, 5000 candles";
    static final String HELP = "cold CLI: ./hypertrader --help";
    static final String RUNS = "cold CLI: ./hypertrader runs";
    static final String DATA_LIST = "cold CLI: ./hypertrader data list";
    static final String STATUS = "cold CLI: ./hypertrader status";
    static final String VERIFY = "cold CLI: ./hypertrader verify, 5000-bar run";
    static final String IMPORT = "cold CLI: ./hypertrader data import, 5000-row CSV";
    private static final Duration TIMEOUT = LauncherWorkspace.TIMEOUT;
    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("\\bbt-\\d{8}T\\d{6}-[0-9a-f]{8}\\b");

    private final Path projectDir;

    ColdCliSection() {
        this(Path.of("").toAbsolutePath());
    }

    /** @param projectDir folder holding the {@code hypertrader} launcher (the working folder of every run) */
    ColdCliSection(Path projectDir) {
        this.projectDir = projectDir;
    }

    @Override
    public String name() {
        return "cli";
    }

    @Override
    public List<BenchRow> run(BenchOptions o) {
        String unavailable = LauncherWorkspace.unavailable(projectDir, "backtest");
        if (unavailable != null) {
            return List.of(BenchRow.skipped(COLD, 3, "s", unavailable));
        }
        try (LauncherWorkspace w = LauncherWorkspace.open(projectDir, "hypertrader-bench-cli")) {
            CandleSeries c = w.candles;
            // The report goes to the temp folder too: the figure includes writing it, the project stays clean.
            List<String> cmd = w.backtest("--reports", w.tmp.resolve("reports").toString());
            int runs = o.quick() ? 1 : Math.max(3, Math.min(o.repetitions(), 7));
            List<BenchRow> rows = new ArrayList<>();
            Measurement m = ProcessTimer.time(cmd, projectDir, 1, runs, TIMEOUT);
            rows.add(BenchRow.lowerIsBetter(COLD, m.medianNanos() / 1e9, 3, "s")
                    .withDetail("backtest --coin " + c.coin().name() + " --interval " + c.interval().code()
                            + " --from/--to the last 5000 candles of " + w.data.name()
                            + " (default config, realistic); prints the summary, stores the run and writes its HTML/PNG report; "
                            + FibHedgeSection.spread(m)));
            rows.add(timed(HELP, 1, w.command("--help"), runs, "the usage of every command"));
            rows.add(timed(RUNS, 1, w.onDb("runs"), runs, "lists the stored runs (database opened read-only)"));
            rows.add(timed(DATA_LIST, 1, w.onDb("data", "list"), runs, "one row per stored series (database opened read-only)"));
            rows.add(timed(STATUS, 1, w.onDb("status"), runs, "the deployments (none here: the table is read and found empty)"));
            ProcessTimer.Output listed = ProcessTimer.run(w.onDb("runs", "--limit", "1"), projectDir, TIMEOUT);
            java.util.regex.Matcher id = RUN_ID.matcher(listed.text());
            rows.add(id.find()
                    ? timed(VERIFY, 3, w.onDb("verify", id.group()), runs,
                    "re-runs the stored 5000-bar backtest and compares its event-log hash")
                    : BenchRow.skipped(VERIFY, 3, "s", "runs --limit 1 printed no run id to verify"));
            rows.add(timed(IMPORT, 2, w.importCandles(), runs,
                    "re-import of " + w.data.name() + ": parse, validate and upsert every row"));
            return rows;
        }
    }

    private BenchRow timed(String name, double targetSeconds, List<String> cmd, int runs, String what) {
        Measurement m = ProcessTimer.time(cmd, projectDir, 1, runs, TIMEOUT);
        return BenchRow.lowerIsBetter(name, m.medianNanos() / 1e9, targetSeconds, "s")
                .withDetail(what + "; " + FibHedgeSection.spread(m));
    }
}
