package io.hypertrader.bench;

import io.hypertrader.bench.harness.BenchDataset;
import io.hypertrader.bench.harness.Measurement;
import io.hypertrader.bench.harness.ProcessTimer;
import io.hypertrader.bench.refrule.ReferenceRule;
import io.hypertrader.core.CandleSeries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
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
        Path launcher = projectDir.resolve("hypertrader");
        if (!Files.isExecutable(launcher)) {
            return List.of(BenchRow.skipped(COLD, 3, "s", "no executable ./hypertrader in " + projectDir
                    + " (run the bench from the project folder)"));
        }
        // An unknown subcommand makes picocli print the root's help instead of the subcommand's usage.
        ProcessTimer.Output probe = ProcessTimer.run(List.of(launcher.toString(), "backtest", "--help"), projectDir, TIMEOUT);
        if (probe.exitCode() != 0 || !probe.text().contains("Usage: hypertrader backtest")) {
            return List.of(BenchRow.skipped(COLD, 3, "s", "this build has no backtest command"));
        }
        BenchDataset data = BenchDataset.load(ReferenceRule.BENCH_CANDLES);
        CandleSeries c = data.candles();
        Path tmp;
        try {
            tmp = Files.createTempDirectory("hypertrader-bench-cli");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            String db = tmp.resolve("bench.duckdb").toString();
            ProcessTimer.time(List.of(launcher.toString(), "--db", db, "data", "import",
                    data.source().toAbsolutePath().toString(), "--coin", c.coin().name(), "--interval",
                    c.interval().code()), projectDir, 0, 1, TIMEOUT);
            // The report goes to the temp folder too: the figure includes writing it, the project stays clean.
            List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "--db", db, "backtest", "--coin",
                    c.coin().name(), "--interval", c.interval().code(), "--from", Long.toString(c.openTime(0)), "--to",
                    Long.toString(c.openTime(c.size() - 1) + c.interval().millis()),
                    "--reports", tmp.resolve("reports").toString()));
            int runs = o.quick() ? 1 : Math.max(3, Math.min(o.repetitions(), 7));
            List<BenchRow> rows = new ArrayList<>();
            Measurement m = ProcessTimer.time(cmd, projectDir, 1, runs, TIMEOUT);
            rows.add(BenchRow.lowerIsBetter(COLD, m.medianNanos() / 1e9, 3, "s")
                    .withDetail("backtest --coin " + c.coin().name() + " --interval " + c.interval().code()
                            + " --from/--to the last 5000 candles of " + data.name()
                            + " (default config, realistic); prints the summary, stores the run and writes its HTML/PNG report; "
                            + FibHedgeSection.spread(m)));
            rows.add(timed(HELP, 1, List.of(launcher.toString(), "--help"), runs, "the usage of every command"));
            rows.add(timed(RUNS, 1, List.of(launcher.toString(), "--db", db, "runs"), runs,
                    "lists the stored runs (database opened read-only)"));
            rows.add(timed(DATA_LIST, 1, List.of(launcher.toString(), "--db", db, "data", "list"), runs,
                    "one row per stored series (database opened read-only)"));
            rows.add(timed(STATUS, 1, List.of(launcher.toString(), "--db", db, "status"), runs,
                    "the deployments (none here: the table is read and found empty)"));
            ProcessTimer.Output listed = ProcessTimer.run(List.of(launcher.toString(), "--db", db, "runs", "--limit", "1"),
                    projectDir, TIMEOUT);
            java.util.regex.Matcher id = RUN_ID.matcher(listed.text());
            rows.add(id.find()
                    ? timed(VERIFY, 3, List.of(launcher.toString(), "--db", db, "verify", id.group()), runs,
                    "re-runs the stored 5000-bar backtest and compares its event-log hash")
                    : BenchRow.skipped(VERIFY, 3, "s", "runs --limit 1 printed no run id to verify"));
            rows.add(timed(IMPORT, 2, List.of(launcher.toString(), "--db", db, "data", "import",
                            data.source().toAbsolutePath().toString(), "--coin", c.coin().name(), "--interval", c.interval().code()),
                    runs, "re-import of " + data.name() + ": parse, validate and upsert every row"));
            return rows;
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp dir: best effort
            }
        }
    }

    private BenchRow timed(String name, double targetSeconds, List<String> cmd, int runs, String what) {
        Measurement m = ProcessTimer.time(cmd, projectDir, 1, runs, TIMEOUT);
        return BenchRow.lowerIsBetter(name, m.medianNanos() / 1e9, targetSeconds, "s")
                .withDetail(what + "; " + FibHedgeSection.spread(m));
    }
}
