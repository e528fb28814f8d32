package io.hypertrader.bench;

import io.hypertrader.bench.harness.BenchDataset;
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
 * What the sections that time {@code ./hypertrader} as a new process share: finding the project's
 * launcher, checking this build has the command to time, and a temporary database holding the
 * benchmark candles (imported untimed; the folder is deleted on close, the project stays clean).
 */
final class LauncherWorkspace implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    final Path projectDir;
    final BenchDataset data;
    final CandleSeries candles;
    final Path tmp;
    private final Path launcher;
    private final String db;

    private LauncherWorkspace(Path projectDir, BenchDataset data, Path tmp) {
        this.projectDir = projectDir;
        this.launcher = projectDir.resolve("hypertrader");
        this.data = data;
        this.candles = data.candles();
        this.tmp = tmp;
        this.db = tmp.resolve("bench.duckdb").toString();
    }

    /** Why {@code command} cannot be timed from {@code projectDir} (no launcher, a build without it), or null. */
    static String unavailable(Path projectDir, String command) {
        Path launcher = projectDir.resolve("hypertrader");
        if (!Files.isExecutable(launcher)) {
            return "no executable ./hypertrader in " + projectDir + " (run the bench from the project folder)";
        }
        // An unknown subcommand makes picocli print the root's help instead of the subcommand's usage.
        ProcessTimer.Output probe = ProcessTimer.run(List.of(launcher.toString(), command, "--help"), projectDir, TIMEOUT);
        if (probe.exitCode() != 0 || !probe.text().contains("Usage: hypertrader " + command)) {
            return "this build has no " + command + " command";
        }
        return null;
    }

    /** A temporary folder (named after {@code prefix}) with the benchmark candles imported into its database. */
    static LauncherWorkspace open(Path projectDir, String prefix) {
        BenchDataset data = BenchDataset.load(ReferenceRule.BENCH_CANDLES);
        Path tmp;
        try {
            tmp = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LauncherWorkspace w = new LauncherWorkspace(projectDir, data, tmp);
        ProcessTimer.time(w.importCandles(), projectDir, 0, 1, TIMEOUT);
        return w;
    }

    /** {@code ./hypertrader args...} */
    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code ./hypertrader --db <the workspace's database> args...} */
    List<String> onDb(String... args) {
        List<String> cmd = command("--db", db);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code data import} of the benchmark CSV into the workspace's database. */
    List<String> importCandles() {
        return onDb("data", "import", data.source().toAbsolutePath().toString(), "--coin", candles.coin().name(),
                "--interval", candles.interval().code());
    }

    /** {@code backtest} of the default config on all the benchmark candles, then {@code extra}. */
    List<String> backtest(String... extra) {
        List<String> cmd = onDb("backtest", "--coin", candles.coin().name(), "--interval", candles.interval().code(),
                "--from", Long.toString(candles.openTime(0)),
                "--to", Long.toString(candles.openTime(candles.size() - 1) + candles.interval().millis()));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir: best effort
        }
    }
}
