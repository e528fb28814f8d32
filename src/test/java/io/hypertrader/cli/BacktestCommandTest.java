package io.hypertrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hypertrader backtest} and {@code verify} in-process, on the shipped synthetic dataset. */
class BacktestCommandTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;

    @BeforeAll
    static void importShippedDataset() {
        env = CliHarness.shippedDatasetEnv(dir);
    }

    @Test
    void withoutArgumentsRunsTheDefaultConfigAndPrintsASummary() {
        CliHarness.Result r = CliHarness.run(env, "backtest", "--no-report");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("run ", "fib-hedge-btc-1h", "profile realistic", "5000 bars", "max drawdown",
                "fees", "funding", "slippage", "median capture", "sha256");
    }

    @Test
    void pathIntervalLogSharpeAndSourceAreInTheSummaryTheJsonAndTheDatabase() throws Exception {
        CliHarness.Result j = CliHarness.run(env, "backtest", "--no-report", "--json", "--to", "2024-04-01");
        assertThat(j.exitCode()).as(j.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertThat(n.get("data_source").asText()).isEqualTo("synthetic");
        assertThat(n.get("sharpe").isNumber()).isTrue();
        assertThat(n.get("sharpe_log").isNumber()).isTrue();
        // the log-return Sharpe ratio has the sign of the total return
        assertThat(Math.signum(n.get("sharpe_log").asDouble())).isEqualTo(Math.signum(n.get("total_return").asDouble()));
        JsonNode pi = n.get("path_interval");
        assertThat(pi.get("main").asText()).isEqualTo("bullish-low-first");
        assertThat(pi.get("modes")).hasSize(4);
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (JsonNode m : pi.get("modes")) {
            lo = Math.min(lo, m.get("final_equity").asDouble());
            hi = Math.max(hi, m.get("final_equity").asDouble());
            if (m.get("mode").asText().equals("bullish-low-first")) {
                // the run itself is one of the four
                assertThat(m.get("final_equity").asDouble()).isEqualTo(n.get("final_equity").asDouble());
                assertThat(m.get("event_log_sha256").asText()).isEqualTo(n.get("event_log_sha256").asText());
            }
        }
        assertThat(pi.at("/min/final_equity").asDouble()).isEqualTo(lo);
        assertThat(pi.at("/max/final_equity").asDouble()).isEqualTo(hi);
        assertThat(pi.get("ratio").asDouble()).isEqualTo(hi / lo);
        assertThat(pi.get("disagrees").asBoolean()).isEqualTo(hi / lo > 1.25
                || pi.at("/min/total_return").asDouble() < 0 && pi.at("/max/total_return").asDouble() > 0);
        String runId = n.get("run_id").asText();
        try (Database db = Database.open(dir.resolve("t.duckdb")); Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE main), min(final_equity),"
                     + " max(final_equity) FROM run_path_interval WHERE run_id = '" + runId + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.getDouble(3)).isEqualTo(lo);
            assertThat(rs.getDouble(4)).isEqualTo(hi);
        }
        // verify checks the main run's event log, as before
        assertThat(CliHarness.run(env, "verify", runId).out()).contains("event-log hash matches (" + n.get("event_log_sha256").asText());

        CliHarness.Result t = CliHarness.run(env, "backtest", "--no-report", "--to", "2024-04-01");
        assertThat(t.out()).contains("source synthetic", "SYNTHETIC candles", "(simple returns)", "(log returns)",
                "over 4 path modes", "bullish-low-first", "(this run)", "high-first", "low-first", "worst-case");
        if (pi.get("disagrees").asBoolean()) {
            assertThat(t.out()).contains("warning      The intrabar path decides this result", "--detail INTERVAL");
        }
    }

    @Test
    void riskEventsAreInTheSummaryLineAndTheJsonAndTheRunVerifies() throws Exception {
        // a 2% daily loss limit bites: halts and refused re-entries
        CliHarness.Result r = CliHarness.run(env, "backtest", "--no-report", "--json", "--set", "risk.dailyLossFraction=0.02");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        int n = j.get("risk_event_count").asInt();
        assertThat(n).isPositive().isEqualTo(j.get("risk_events").size());
        JsonNode first = j.get("risk_events").get(0);
        assertThat(first.get("rule").asText()).isEqualTo("DAILY_LOSS");
        assertThat(first.get("action").asText()).isEqualTo("HALTED");
        assertThat(first.get("reason").asText()).contains("limit 2.00%");
        assertThat(j.get("rejected_count").asInt()).isGreaterThanOrEqualTo(j.get("risk_refused_count").asInt()).isPositive();
        // the time spent refused (issue 12): from each refusal to the coin's next fill
        assertThat(j.get("risk_refused_time_ms").asLong()).isPositive();
        assertThat(j.get("risk_refused_fraction").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(CliHarness.run(env, "verify", j.get("run_id").asText()).exitCode()).isZero();

        CliHarness.Result t = CliHarness.run(env, "backtest", "--no-report", "--set", "risk.dailyLossFraction=0.02");
        assertThat(t.out()).containsPattern("risk         " + n
                        + " events: \\d+ refused \\(DAILY_LOSS \\d+\\), (\\d+ forced closes? \\(POSITION_STOP \\d+\\), )?\\d+ daily halts \\(DAILY_LOSS")
                .containsPattern("refused for \\d+\\.\\d days \\(\\d+\\.\\d% of the run, refusal to next fill\\)")
                .contains("of them by the risk manager");
        CliHarness.Result quiet = CliHarness.run(env, "backtest", "--no-report", "--from", "2024-02-01", "--to", "2024-02-10");
        assertThat(quiet.out()).contains("risk         no risk events");
    }

        @Test
    void jsonHasTheContractFieldsAndTheRunIsStoredAndVerifies() throws Exception {
        CliHarness.Result r = CliHarness.run(env, "backtest", "--no-report", "--json", "--profile", "seed", "--seed", "5",
                "--from", "2024-02-01", "--to", "2024-05-01", "--path", "worst-case");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String k : new String[]{"run_id", "config_hash", "seed", "from", "to", "row_count", "event_log_sha256",
                "final_equity", "total_return", "max_drawdown", "trade_count", "fees", "funding", "slippage_cost", "cycles"}) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("seed").asLong()).isEqualTo(5);
        assertThat(j.get("path").asText()).isEqualTo("worst-case");
        assertThat(j.get("row_count").asInt()).isEqualTo(24 * (29 + 31 + 30)); // Feb..Apr 2024
        assertThat(j.get("cycles").size()).isPositive();
        JsonNode c = j.get("cycles").get(0);
        assertThat(c.has("e") && c.has("h") && c.has("capture")).isTrue();
        String runId = j.get("run_id").asText();

        try (Database db = Database.open(Path.of(env.get("HYPERTRADER_DB"))); Statement st = db.connection().createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM run_orders WHERE run_id = '" + runId + "'"
                    + " AND decision_time_ms IS NOT NULL AND arrival_time_ms IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(j.get("order_count").asInt());
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(fee) FROM run_fills WHERE run_id = '" + runId + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(j.get("trade_count").asInt());
                assertThat(rs.getDouble(2)).isCloseTo(j.get("fees").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM run_equity WHERE run_id = '" + runId + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(j.get("row_count").asInt());
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM run_cycles WHERE run_id = '" + runId + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(j.get("cycles").size());
            }
        }

        CliHarness.Result v = CliHarness.run(env, "verify", runId);
        assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
        assertThat(v.out()).contains("matches");

        // tamper with the stored hash: verify must fail
        try (Database db = Database.open(Path.of(env.get("HYPERTRADER_DB"))); Statement st = db.connection().createStatement()) {
            st.execute("UPDATE runs SET event_log_sha256 = 'x' || event_log_sha256 WHERE run_id = '" + runId + "'");
        }
        CliHarness.Result bad = CliHarness.run(env, "verify", runId);
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("MISMATCH");
    }

    @Test
    void userErrorsHaveExitCodesAndNoStackTrace() {
        CliHarness.Result missing = CliHarness.run(env, "backtest", "--no-report", "--coin", "ETH");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no ETH 1h candles", "hypertrader fetch --coin ETH").doesNotContain("\tat ");

        CliHarness.Result noDb = CliHarness.run(Map.of("HYPERTRADER_DB", dir.resolve("none.duckdb").toString()),
                "backtest", "--no-report", "--coin", "ETH");
        assertThat(noDb.exitCode()).isEqualTo(3);
        assertThat(noDb.err()).contains("hypertrader fetch --coin ETH");

        CliHarness.Result badCfg = CliHarness.run(env, "backtest", "--no-report", "--set", "strategy.levels.hedge=1.5");
        assertThat(badCfg.exitCode()).isEqualTo(2);
        assertThat(badCfg.err()).contains("strategy.levels.hedge = 1.5").doesNotContain("\tat ");

        assertThat(CliHarness.run(env, "backtest", "--no-report", "--path", "sideways").exitCode()).isEqualTo(2);
        assertThat(CliHarness.run(env, "verify", "no-such-run").exitCode()).isEqualTo(3);
    }

    /** Issue 14: fixedQty 1000 on 10,000 USDC ran 14,848 orders, all refused, to "return +0.00%". */
    @Test
    void aFixedQuantityThatCouldNeverTradeIsRefusedBeforeTheReplay() {
        CliHarness.Result r = CliHarness.run(env, "backtest", "--no-report", "--set", "strategy.sizing.fixedQty=1000");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).contains("config: strategy.sizing.fixedQty = 1000 BTC is 27,863,000.00 USDC even at"
                        + " the lowest price of the replayed BTC 1h candles (27,863.00 on ", "above risk.maxOrderNotionalUsd = 1000000",
                "the risk manager would refuse every entry").doesNotContain("\tat ");
        assertThat(r.out()).doesNotContain("run ");
        CliHarness.Result fits = CliHarness.run(env, "backtest", "--no-report", "--set", "strategy.sizing.fixedQty=0.1");
        assertThat(fits.exitCode()).as(fits.err()).isZero();
    }

    /** The README's main command on a fresh clone: no database yet, so the shipped dataset is imported once. */
    @Test
    void defaultBacktestOnAFreshDatabaseImportsTheShippedDatasetOnce() throws Exception {
        Map<String, String> fresh = Map.of("HYPERTRADER_DB", dir.resolve("fresh.duckdb").toString());
        CliHarness.Result first = CliHarness.run(fresh, "backtest", "--no-report", "--profile", "ideal");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("imported the shipped synthetic dataset datasets/synthetic-btc-1h.csv (5000 bars");
        assertThat(first.out()).contains("5000 bars");
        CliHarness.Result second = CliHarness.run(fresh, "backtest", "--no-report", "--profile", "ideal");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).doesNotContain("imported");
        // Identical runs (same config, data, seed) get distinct run ids even within the same second.
        String id1 = first.out().lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().split("\\s+")[1];
        String id2 = second.out().lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().split("\\s+")[1];
        assertThat(id2).isNotEqualTo(id1);
        try (Database db = Database.open(Path.of(fresh.get("HYPERTRADER_DB"))); Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), min(source), max(source) FROM candles WHERE coin = 'BTC' AND interval = '1h'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5000);
            assertThat(rs.getString(2)).isEqualTo("synthetic").isEqualTo(rs.getString(3));
        }
    }
}
