package io.hypertrader.bench;

import io.hypertrader.bench.harness.Measurement;
import io.hypertrader.bench.harness.ProcessTimer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark item 5: a user's cold {@code ./hypertrader backtest}, start to finished report, as a
 * new process (JVM start, class loading, DuckDB's native library, the backtest, the report). Run
 * from the project folder; one untimed run first (the launcher may rebuild its jar, the OS caches
 * the files), then the median of the timed runs. Skipped, with the reason, when the launcher is
 * not in the working folder or the build has no {@code backtest} command.
 */
final class ColdCliSection implements BenchSection {
    static final String COLD = "cold CLI: ./hypertrader backtest + report";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path projectDir;
    private final List<String> backtestArgs;

    ColdCliSection() {
        this(Path.of("").toAbsolutePath(), null);
    }

    /**
     * @param projectDir   folder holding the {@code hypertrader} launcher
     * @param backtestArgs arguments after {@code backtest}; null while this bench does not know
     *                     the command's arguments
     */
    ColdCliSection(Path projectDir, List<String> backtestArgs) {
        this.projectDir = projectDir;
        this.backtestArgs = backtestArgs == null ? null : List.copyOf(backtestArgs);
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
        if (backtestArgs == null) {
            return List.of(BenchRow.skipped(COLD, 3, "s",
                    "the backtest command exists but this bench does not know its arguments yet"));
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.add("backtest");
        cmd.addAll(backtestArgs);
        Measurement m = ProcessTimer.time(cmd, projectDir, 1, o.quick() ? 1 : Math.max(3, Math.min(o.repetitions(), 7)),
                TIMEOUT);
        return List.of(BenchRow.lowerIsBetter(COLD, m.medianNanos() / 1e9, 3, "s")
                .withDetail(String.join(" ", cmd.subList(1, cmd.size())) + "; " + FibHedgeSection.spread(m)));
    }
}
