package io.hypertrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypertrader.store.SweepStore;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hypertrader studies} lists the sweeps, Monte Carlo and walk-forward studies stored by the commands. */
class StudiesCommandTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;
    static String sweep, monteCarlo, walkForward;
    static final String TO = "2024-02-15"; // 1080 hourly bars of the shipped dataset

    @BeforeAll
    static void runOneOfEach() {
        env = CliHarness.shippedDatasetEnv(dir);
        String reports = dir.resolve("reports").toString();
        CliHarness.Result s = CliHarness.run(env, "sweep", "--to", TO, "--param", "strategy.levels.hedge=0.20,0.26",
                "--seeds", "2", "--threads", "2", "--reports", reports, "--quiet");
        assertThat(s.exitCode()).as(s.err()).isZero();
        sweep = SweepCommandTest.id(s, "sweep");
        CliHarness.Result m = CliHarness.run(env, "montecarlo", "--to", TO, "--seeds", "2", "--threads", "2",
                "--reports", reports, "--quiet");
        assertThat(m.exitCode()).as(m.err()).isZero();
        monteCarlo = SweepCommandTest.id(m, "montecarlo");
        CliHarness.Result w = CliHarness.run(env, "walkforward", "--to", TO, "--train", "15d", "--test", "10d",
                "--param", "strategy.levels.hedge=0.20,0.30", "--threads", "2", "--reports", reports, "--quiet");
        assertThat(w.exitCode()).as(w.err()).isZero();
        walkForward = SweepCommandTest.id(w, "walkforward");
    }

    @Test
    void listsEachStudyNewestFirstWithItsKindSizeAndHeadline() throws Exception {
        CliHarness.Result r = CliHarness.run(env, "studies");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("study").contains("kind", "config hash", "configs", "seeds", "trials", "bars");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith(walkForward).contains("walkforward", "out-of-sample return");
        assertThat(lines.get(2)).startsWith(monteCarlo).contains("montecarlo", "median final equity", "worst-case",
                "high-first");
        assertThat(lines.get(3)).startsWith(sweep).contains("sweep", "best mean Sharpe");

        // the sweep's headline is its best configuration as the sweep ranks them, recomputed here from the rows
        try (Database db = Database.open(dir.resolve("t.duckdb"))) {
            Map<String, double[]> byParams = new TreeMap<>();
            for (SweepStore.ResultRow row : new SweepStore(db).results(sweep)) {
                double[] acc = byParams.computeIfAbsent(row.params().toString(), k -> new double[4]);
                acc[0] += row.metrics().sharpe();
                acc[1] += row.metrics().sharpeLog();
                acc[2] += row.metrics().totalReturn();
                acc[3]++;
            }
            double[] best = byParams.values().stream().max((a, b) -> Double.compare(a[0] / a[3], b[0] / b[3])).orElseThrow();
            assertThat(lines.get(3)).contains(String.format(Locale.ROOT, "best mean Sharpe %+.3f (log returns %+.3f, return %+.2f%%)",
                    best[0] / best[3], best[1] / best[3], 100 * best[2] / best[3]));
        }
    }

    @Test
    void filtersByKindAndHashAndPrintsJson() throws Exception {
        CliHarness.Result mc = CliHarness.run(env, "studies", "--kind", "montecarlo", "--json");
        assertThat(mc.exitCode()).as(mc.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(mc.out());
        assertThat(a).hasSize(1);
        assertThat(a.get(0).get("id").asText()).isEqualTo(monteCarlo);
        assertThat(a.get(0).get("trials").asInt()).isEqualTo(8); // 2 seeds x 4 path modes
        assertThat(a.get(0).get("report").asText()).isEqualTo("reports/montecarlo-" + monteCarlo);
        String hash = a.get(0).get("config_hash").asText();
        assertThat(CliHarness.run(env, "studies", "--config-hash", hash.substring(0, 8)).out().lines().count()).isEqualTo(4);
        CliHarness.Result none = CliHarness.run(env, "studies", "--config-hash", "ffffffff");
        assertThat(none.exitCode()).isZero();
        assertThat(none.err()).contains("no studies");
        CliHarness.Result bad = CliHarness.run(env, "studies", "--kind", "backtest");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--kind 'backtest'");
        assertThat(CliHarness.run(env, "studies", "--limit", "1").out().lines().count()).isEqualTo(2);
    }
}
