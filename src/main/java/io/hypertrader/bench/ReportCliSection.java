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
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

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
        Path launcher = projectDir.resolve("hypertrader");
        if (!Files.isExecutable(launcher)) {
            return List.of(BenchRow.skipped(REPORT, 3, "s", "no executable ./hypertrader in " + projectDir
                    + " (run the bench from the project folder)"));
        }
        ProcessTimer.Output probe = ProcessTimer.run(List.of(launcher.toString(), "report", "--help"), projectDir, TIMEOUT);
        if (probe.exitCode() != 0 || !probe.text().contains("Usage: hypertrader report")) {
            return List.of(BenchRow.skipped(REPORT, 3, "s", "this build has no report command"));
        }
        BenchDataset data = BenchDataset.load(ReferenceRule.BENCH_CANDLES);
        CandleSeries c = data.candles();
        Path tmp;
        try {
            tmp = Files.createTempDirectory("hypertrader-bench-report");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            String db = tmp.resolve("bench.duckdb").toString();
            ProcessTimer.time(List.of(launcher.toString(), "--db", db, "data", "import",
                    data.source().toAbsolutePath().toString(), "--coin", c.coin().name(), "--interval",
                    c.interval().code()), projectDir, 0, 1, TIMEOUT);
            ProcessTimer.Output bt = ProcessTimer.run(List.of(launcher.toString(), "--db", db, "backtest", "--coin",
                    c.coin().name(), "--interval", c.interval().code(), "--from", Long.toString(c.openTime(0)), "--to",
                    Long.toString(c.openTime(c.size() - 1) + c.interval().millis()), "--no-report"), projectDir, TIMEOUT);
            String runId = bt.text().lines().filter(l -> l.startsWith("run ")).map(l -> l.substring(4).trim())
                    .findFirst().orElse(null);
            if (bt.exitCode() != 0 || runId == null) {
                return List.of(BenchRow.skipped(REPORT, 3, "s", "the set-up backtest failed (exit " + bt.exitCode() + ")"));
            }
            List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "--db", db, "report", runId, "--reports",
                    tmp.resolve("reports").toString()));
            int runs = o.quick() ? 1 : Math.max(3, Math.min(o.repetitions(), 7));
            Measurement m = ProcessTimer.time(cmd, projectDir, 1, runs, TIMEOUT);
            return List.of(BenchRow.lowerIsBetter(REPORT, m.medianNanos() / 1e9, 3, "s")
                    .withDetail("report of the default config's realistic run on the last 5000 candles of " + data.name()
                            + ": re-run and hash check, path interval, bootstrap, analysis, 12 charts, files; "
                            + FibHedgeSection.spread(m)));
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp dir: best effort
            }
        }
    }
}
