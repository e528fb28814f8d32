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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sweep, montecarlo and walkforward take backtest's data selectors and overrides (--coin,
 * --interval, --from, --to, --set) and apply them the way backtest does: a sweep trial and a
 * backtest of the same settings replay the same event log, bit for bit. A sweep that skips
 * configurations says so on stderr with the count and the reason.
 */
class StudySelectionTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;
    static final String FROM = "2024-01-15";
    static final String TO = "2024-03-03";

    @BeforeAll
    static void importShippedDataset() {
        env = CliHarness.shippedDatasetEnv(dir);
    }

    private static String reports() {
        return dir.resolve("reports").toString();
    }

    @Test
    void aSweepTrialReplaysExactlyTheBacktestOfTheSameSettings() throws Exception {
        CliHarness.Result bt = CliHarness.run(env, "backtest", "--coin", "BTC", "--interval", "1h", "--from", FROM, "--to", TO,
                "--set", "strategy.sizing.leverage=2", "--set", "strategy.levels.hedge=0.22", "--seed", "3", "--json",
                "--no-report", "--quiet");
        assertThat(bt.exitCode()).as(bt.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(bt.out());

        CliHarness.Result sw = CliHarness.run(env, "sweep", "--coin", "BTC", "--interval", "1h", "--from", FROM, "--to", TO,
                "--set", "strategy.sizing.leverage=2", "--param", "strategy.levels.hedge=0.22,0.26", "--seed", "3",
                "--threads", "1", "--reports", reports(), "--quiet");
        assertThat(sw.exitCode()).as(sw.err()).isZero();
        String id = SweepCommandTest.id(sw, "sweep");
        try (Database db = Database.open(dir.resolve("t.duckdb"))) {
            SweepStore store = new SweepStore(db);
            List<SweepStore.ResultRow> rows = store.results(id);
            assertThat(rows).hasSize(2);
            SweepStore.ResultRow same = rows.stream().filter(r -> r.params().get("strategy.levels.hedge").equals("0.22"))
                    .findFirst().orElseThrow();
            assertThat(same.metrics().eventLogSha256()).isEqualTo(json.get("event_log_sha256").asText());
            assertThat(same.metrics().finalEquity()).isEqualTo(json.get("final_equity").asDouble());
            // the other trial differs only by its --param: a different run
            assertThat(rows).filteredOn(r -> r.params().get("strategy.levels.hedge").equals("0.26"))
                    .allSatisfy(r -> assertThat(r.metrics().eventLogSha256()).isNotEqualTo(json.get("event_log_sha256").asText()));
            SweepStore.SweepRow row = store.sweep(id).orElseThrow();
            assertThat(row.manifest().get("--set, --coin, --interval"))
                    .isEqualTo("strategy.sizing.leverage=2\nstrategy.coin=BTC\nstrategy.interval=1h");
            assertThat(row.dataFromMs()).isEqualTo(json.get("from_ms").asLong());
            assertThat(row.bars()).isEqualTo(json.get("row_count").asInt());
        }
    }

    @Test
    void setChangesEveryTrialOfMonteCarloAndWalkForward() throws Exception {
        String[] mc = {"montecarlo", "--to", TO, "--seeds", "2", "--paths", "worst-case", "--threads", "1",
                "--reports", reports(), "--quiet"};
        CliHarness.Result plain = CliHarness.run(env, mc);
        CliHarness.Result set = CliHarness.run(env, SweepCommandTest.concat(mc, "--set", "strategy.sizing.leverage=1"));
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(set.exitCode()).as(set.err()).isZero();
        String[] wf = {"walkforward", "--coin", "BTC", "--interval", "1h", "--to", TO, "--train", "20d", "--test", "10d",
                "--param", "strategy.levels.hedge=0.20,0.30", "--set", "strategy.sizing.leverage=1", "--threads", "1",
                "--reports", reports(), "--quiet"};
        CliHarness.Result walk = CliHarness.run(env, wf);
        assertThat(walk.exitCode()).as(walk.err()).isZero();
        try (Database db = Database.open(dir.resolve("t.duckdb"))) {
            SweepStore store = new SweepStore(db);
            List<String> plainHashes = store.results(SweepCommandTest.id(plain, "montecarlo")).stream()
                    .map(r -> r.metrics().eventLogSha256()).toList();
            List<String> setHashes = store.results(SweepCommandTest.id(set, "montecarlo")).stream()
                    .map(r -> r.metrics().eventLogSha256()).toList();
            assertThat(plainHashes).hasSize(2).doesNotContainAnyElementsOf(setHashes);
            assertThat(store.sweep(SweepCommandTest.id(set, "montecarlo")).orElseThrow().manifest().get("--set, --coin, --interval"))
                    .isEqualTo("strategy.sizing.leverage=1");
            assertThat(store.sweep(SweepCommandTest.id(walk, "walkforward")).orElseThrow().manifest()
                    .get("--set, --coin, --interval")).contains("strategy.sizing.leverage=1", "strategy.interval=1h");
        }
    }

    @Test
    void coinAndIntervalChooseTheDataAndABadSetNamesTheField() {
        for (String cmd : List.of("sweep", "montecarlo", "walkforward")) {
            String[] base = cmd.equals("walkforward") ? new String[]{cmd, "--train", "20d", "--test", "10d"} : new String[]{cmd};
            CliHarness.Result eth = CliHarness.run(env, SweepCommandTest.concat(base, "--coin", "ETH"));
            assertThat(eth.exitCode()).as(cmd + ": " + eth.err()).isEqualTo(3);
            assertThat(eth.err()).as(cmd).contains("ETH 1h");
            CliHarness.Result h4 = CliHarness.run(env, SweepCommandTest.concat(base, "--interval", "4h"));
            assertThat(h4.exitCode()).as(cmd + ": " + h4.err()).isEqualTo(3);
            assertThat(h4.err()).as(cmd).contains("BTC 4h");
            CliHarness.Result bad = CliHarness.run(env, SweepCommandTest.concat(base, "--set", "strategy.levels.hedge=2", "--to", TO));
            assertThat(bad.exitCode()).as(cmd + ": " + bad.err()).isEqualTo(2);
            assertThat(bad.err()).as(cmd).contains("strategy.levels.hedge");
            CliHarness.Result noEq = CliHarness.run(env, SweepCommandTest.concat(base, "--set", "strategy.levels.hedge", "--to", TO));
            assertThat(noEq.exitCode()).isEqualTo(2);
            assertThat(noEq.err()).contains("--set 'strategy.levels.hedge': expected KEY=VALUE");
        }
    }

    @Test
    void aSweepThatSkipsConfigurationsSaysSoOnStderrWithTheCountAndTheReason() {
        CliHarness.Result r = CliHarness.run(env, "sweep", "--to", TO, "--param", "strategy.levels.hedge=0.20,0.25",
                "--param", "strategy.sizing.leverage=2,5", "--threads", "1", "--reports", reports(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // --quiet silences progress, never this
        assertThat(r.err()).startsWith("warning: 2 of 4 configurations were skipped and not run: the config refuses them.")
                .contains("2 x ", "strategy.sizing.leverage = 5", "risk.maxPositionFraction");
        assertThat(r.out()).contains("skipped      2 of 4 configurations, not run: the config refuses them",
                "backtests    2 (2 configurations x 1 seed(s))");
        CliHarness.Result all = CliHarness.run(env, "sweep", "--to", TO, "--param", "strategy.sizing.leverage=1,2",
                "--threads", "1", "--reports", reports(), "--quiet");
        assertThat(all.exitCode()).isZero();
        assertThat(all.err()).isEmpty();
        assertThat(all.out()).doesNotContain("skipped");
    }
}
