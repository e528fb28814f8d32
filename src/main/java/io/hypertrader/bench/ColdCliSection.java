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
 * Benchmark item 5: a user's cold {@code ./hypertrader backtest} as a new process, start to exit
 * (JVM start, class loading, DuckDB's native library, loading the candles, the backtest, storing
 * the run, printing the summary). Set-up, untimed: the benchmark dataset is imported into a
 * temporary database with {@code ./hypertrader data import}. Then the backtest of the default
 * config on its last 5000 candles: one untimed run (the OS caches the files; the launcher may
 * rebuild its jar), then the median of the timed runs. Run from the project folder; skipped, with
 * the reason, when the launcher is not there or the build has no {@code backtest} command.
 */
final class ColdCliSection implements BenchSection {
    static final String COLD = "cold CLI: ./hypertrader backtest, 5000 candles";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

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
            Measurement m = ProcessTimer.time(cmd, projectDir, 1, runs, TIMEOUT);
            return List.of(BenchRow.lowerIsBetter(COLD, m.medianNanos() / 1e9, 3, "s")
                    .withDetail("backtest --coin " + c.coin().name() + " --interval " + c.interval().code()
                            + " --from/--to the last 5000 candles of " + data.name()
                            + " (default config, realistic); prints the summary, stores the run and writes its HTML/PNG report; "
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
