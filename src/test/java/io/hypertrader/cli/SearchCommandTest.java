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

/** sweep --search and walkforward --search in-process on the shipped synthetic dataset (first 1488 bars). */
class SearchCommandTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;
    static final String TO = "2024-03-03";

    @BeforeAll
    static void importShippedDataset() {
        env = CliHarness.shippedDatasetEnv(dir);
    }

    static int count(Database db, String sql) throws Exception {
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aSearchIsStoredAsASweepAndItsRerunRunsNothing() throws Exception {
        String[] args = {"sweep", "--to", TO, "--search", "tpe", "--trials", "14", "--seeds", "2",
                "--param", "strategy.levels.hedge=0.15:0.37:0.01", "--param", "strategy.sizing.leverage=1:3:1",
                "--reports", dir.resolve("reports").toString(), "--quiet", "--threads", "2"};
        CliHarness.Result first = CliHarness.run(env, args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("tpe: 14 trials of 69 points (28 backtests run, 0 found stored)", "top", "DSR");
        CliHarness.Result again = CliHarness.run(env, args);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("tpe: 14 trials of 69 points (0 backtests run, 28 found stored)");
        String a = SweepCommandTest.id(first, "sweep"), b = SweepCommandTest.id(again, "sweep");
        try (Database db = Database.open(dir.resolve("t.duckdb"))) {
            SweepStore store = new SweepStore(db);
            List<SweepStore.ResultRow> ra = store.results(a), rb = store.results(b);
            assertThat(ra).hasSize(28).isEqualTo(rb);
            assertThat(ra).allSatisfy(r -> assertThat(r.phase()).isEqualTo("search"));
            assertThat(store.sweep(a).orElseThrow().configurations()).isEqualTo(14);
            // one key holds the 28 backtests (the walk-forward test's windows have keys of their own)
            assertThat(count(db, "SELECT count(*) FROM (SELECT search_key FROM search_trials GROUP BY search_key"
                    + " HAVING count(*) = 28)")).isEqualTo(1);
        }
        Path rep = dir.resolve("reports").resolve("sweep-" + a);
        assertThat(Files.readAllLines(rep.resolve("search.csv"))).hasSize(15);
        assertThat(Files.readString(rep.resolve("index.html"))).contains("Search progress", "N = 14 configurations");
    }

    @Test
    void walkForwardSearchesEachTrainingWindow() throws Exception {
        CliHarness.Result r = CliHarness.run(env, "walkforward", "--to", TO, "--train", "20d", "--test", "10d",
                "--search", "random", "--trials", "5", "--param", "strategy.levels.hedge=0.15:0.37:0.01",
                "--reports", dir.resolve("reports").toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("x random search of 5 trials", "out of sample return");
        String id = SweepCommandTest.id(r, "walkforward");
        try (Database db = Database.open(dir.resolve("t.duckdb"))) {
            int windows = count(db, "SELECT count(*) FROM sweep_results WHERE sweep_id = '" + id + "' AND phase = 'test'");
            assertThat(windows).isGreaterThanOrEqualTo(3);
            assertThat(count(db, "SELECT count(*) FROM sweep_results WHERE sweep_id = '" + id + "' AND phase = 'train'"))
                    .isEqualTo(5 * windows);
        }
        assertThat(Files.readString(dir.resolve("reports").resolve("walkforward-" + id).resolve("index.html")))
                .contains("random search of 5 trials");
    }

    @Test
    void searchAndTrialsComeTogether() {
        CliHarness.Result noTrials = CliHarness.run(env, "sweep", "--to", TO, "--search", "tpe", "--param",
                "strategy.levels.hedge=0.2,0.3");
        assertThat(noTrials.exitCode()).isEqualTo(2);
        assertThat(noTrials.err()).contains("--trials");
        CliHarness.Result noSearch = CliHarness.run(env, "sweep", "--to", TO, "--trials", "5");
        assertThat(noSearch.exitCode()).isEqualTo(2);
        assertThat(noSearch.err()).contains("--search");
        CliHarness.Result bad = CliHarness.run(env, "sweep", "--to", TO, "--search", "grid", "--trials", "5");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("random, cmaes, tpe");
    }
}
