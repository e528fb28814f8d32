package io.hypertrader.cli;

import io.hypertrader.store.SweepStore;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** sweep, montecarlo and walkforward in-process on the shipped synthetic dataset (first 1500 bars). */
class SweepCommandTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;
    static final String TO = "2024-03-03"; // 1488 hourly bars from 2024-01-01

    @BeforeAll
    static void importShippedDataset() {
        env = CliHarness.shippedDatasetEnv(dir);
    }

    static String id(CliHarness.Result r, String kind) {
        return r.out().lines().filter(l -> l.startsWith(kind)).findFirst().orElseThrow().substring(kind.length()).trim();
    }

    @Test
    void sweepIsTheSameOnOneAndTwoThreadsAndWritesTableHeatmapAndReport() throws Exception {
        String[] args = {"sweep", "--to", TO, "--param", "strategy.levels.hedge=0.20:0.26:0.02", "--param",
                "strategy.sizing.leverage=2,3", "--seeds", "2", "--reports", dir.resolve("reports").toString(), "--quiet"};
        CliHarness.Result one = CliHarness.run(env, concat(args, "--threads", "1"));
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.err()).isEmpty(); // --quiet: no progress lines
        CliHarness.Result two = CliHarness.run(env, concat(args, "--threads", "2"));
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(one.out()).contains("16 (8 configurations x 2 seed(s))", "backtests/s", "top", "DSR");
        String a = id(one, "sweep"), b = id(two, "sweep");
        assertThat(a).isNotEqualTo(b);
        try (Database db = Database.open(dir.resolve("t.duckdb"))) {
            SweepStore store = new SweepStore(db);
            List<SweepStore.ResultRow> ra = store.results(a), rb = store.results(b);
            assertThat(ra).hasSize(16).isEqualTo(rb);
            assertThat(store.sweep(a).orElseThrow().threads()).isEqualTo(1);
            assertThat(store.sweep(b).orElseThrow().threads()).isEqualTo(2);
            assertThat(store.sweep(a).orElseThrow().configurations()).isEqualTo(8);
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(DISTINCT params), count(DISTINCT seed), count(deflated_sharpe)"
                         + " FROM sweep_results WHERE sweep_id = '" + a + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(8);
                assertThat(rs.getInt(2)).isEqualTo(2);
                assertThat(rs.getInt(3)).isEqualTo(16);
            }
        }
        Path rep = dir.resolve("reports").resolve("sweep-" + a);
        assertThat(rep.resolve("heatmap.png")).isNotEmptyFile();
        assertThat(Files.readAllLines(rep.resolve("results.csv"))).hasSize(17);
        String html = Files.readString(rep.resolve("index.html"));
        assertThat(html).contains("Top configurations", "deflated Sharpe", "heatmap.png", "N = 8 configurations",
                "strategy.levels.hedge", "Read this first");
    }

    @Test
    void badParamIsExit2NamingTheFlag() {
        CliHarness.Result r = CliHarness.run(env, "sweep", "--to", TO, "--param", "strategy.levels.hedge=0.3:0.2:0.01");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--param strategy.levels.hedge=0.3:0.2:0.01: end 0.2 is below start 0.3")
                .doesNotContain("Exception");
        CliHarness.Result unknown = CliHarness.run(env, "sweep", "--to", TO, "--param", "strategy.levels.nope=1,2");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("strategy.levels.nope");
        CliHarness.Result coin = CliHarness.run(env, "sweep", "--to", TO, "--param", "strategy.coin=BTC,ETH");
        assertThat(coin.exitCode()).isEqualTo(2);
        assertThat(coin.err()).contains("changes which candles");
    }

    @Test
    void monteCarloAndWalkForwardWriteTheirReports() throws Exception {
        CliHarness.Result mc = CliHarness.run(env, "montecarlo", "--to", TO, "--seeds", "4", "--threads", "2",
                "--reports", dir.resolve("reports").toString(), "--param", "strategy.levels.hedge=0.25");
        assertThat(mc.exitCode()).as(mc.err()).isZero();
        assertThat(mc.out()).contains("16 (4 seeds x 4 path modes)", "worst-case", "P&L interval over path modes");
        Path mcDir = dir.resolve("reports").resolve("montecarlo-" + id(mc, "montecarlo"));
        assertThat(mcDir.resolve("fan.png")).isNotEmptyFile();
        assertThat(Files.readAllLines(mcDir.resolve("trials.csv"))).hasSize(17);
        CliHarness.Result grid = CliHarness.run(env, "montecarlo", "--to", TO, "--param", "strategy.levels.hedge=0.2,0.3");
        assertThat(grid.exitCode()).isEqualTo(2);

        CliHarness.Result wf = CliHarness.run(env, "walkforward", "--to", TO, "--train", "20d", "--test", "10d",
                "--param", "strategy.levels.hedge=0.20,0.30", "--threads", "2", "--reports", dir.resolve("reports").toString());
        assertThat(wf.exitCode()).as(wf.err()).isZero();
        assertThat(wf.out()).contains("windows      4 x 2 configurations", "out of sample return");
        Path wfDir = dir.resolve("reports").resolve("walkforward-" + id(wf, "walkforward"));
        assertThat(wfDir.resolve("oos-equity.png")).isNotEmptyFile();
        assertThat(Files.readAllLines(wfDir.resolve("windows.csv"))).hasSize(5);
        assertThat(Files.readString(wfDir.resolve("index.html"))).contains("Windows: chosen parameters");
        assertThat(CliHarness.run(env, "walkforward", "--train", "60 days", "--test", "14d").exitCode()).isEqualTo(2);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
