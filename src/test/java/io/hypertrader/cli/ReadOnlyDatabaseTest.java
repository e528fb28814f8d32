package io.hypertrader.cli;

import io.hypertrader.data.ReadOnlyPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The commands that only read work on a database file and folder this process cannot write
 * (they open DuckDB read-only); the ones that write fail with one clear line naming the file.
 */
class ReadOnlyDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void readingCommandsWorkOnAReadOnlyDatabaseAndWritingOnesSayWhy() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("db"));
        Map<String, String> env = CliHarness.shippedDatasetEnv(folder);
        Path file = folder.resolve("t.duckdb");
        CliHarness.Result bt = CliHarness.run(env, "backtest", "--to", "2024-02-01", "--no-report", "--quiet");
        assertThat(bt.exitCode()).as(bt.err()).isZero();
        String runId = bt.out().lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().substring(4).trim();
        byte[] before = Files.readAllBytes(file);
        Path out = Files.createDirectories(dir.resolve("out"));

        try (ReadOnlyPaths ro = ReadOnlyPaths.apply(file, folder)) {
            assumeTrue(ro.holds(), "this process can write to a chmod a-w file and chattr +i is not available (root on a"
                    + " filesystem without immutable files): a read-only database cannot be made here");
            for (List<String> args : List.of(List.of("runs"), List.of("data", "list"),
                    List.of("data", "show", "--coin", "BTC", "--interval", "1h", "--tail", "2"),
                    List.of("data", "export", "--coin", "BTC", "--interval", "1h", "--format", "csv", "--out",
                            out.resolve("btc.csv").toString()),
                    List.of("verify", runId), List.of("report", runId, "--reports", out.resolve("reports").toString()))) {
                CliHarness.Result r = CliHarness.run(env, args.toArray(String[]::new));
                assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
            }
            assertThat(CliHarness.run(env, "runs").out()).contains(runId);
            assertThat(CliHarness.run(env, "data", "list").out()).contains("BTC", "5000");

            CliHarness.Result write = CliHarness.run(env, "data", "import", "datasets/synthetic-btc-1h.csv", "--coin", "BTC",
                    "--interval", "1h", "--source", "synthetic");
            assertThat(write.exitCode()).isNotZero();
            assertThat(write.err().lines().findFirst().orElseThrow()).startsWith("error: ").contains(file.toString());
            assertThat(write.err()).doesNotContain("\tat ");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(out.resolve("btc.csv")).isNotEmptyFile();
        assertThat(out.resolve("reports").resolve(runId).resolve("index.html")).isNotEmptyFile();
    }
}
