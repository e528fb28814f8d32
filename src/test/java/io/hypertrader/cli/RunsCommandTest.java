package io.hypertrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hypertrader runs}: lists what backtest stored, newest first, filterable by config hash. */
class RunsCommandTest {

    @Test
    void listsStoredRunsNewestFirstWithTheirIdsAndFigures(@TempDir Path dir) throws Exception {
        Map<String, String> env = CliHarness.shippedDatasetEnv(dir);
        CliHarness.Result none = CliHarness.run(env, "runs");
        assertThat(none.exitCode()).isZero();
        assertThat(none.err()).contains("no backtest runs", "hypertrader backtest");

        ObjectMapper m = new ObjectMapper();
        JsonNode a = m.readTree(CliHarness.run(env, "backtest", "--json", "--no-report", "--profile", "ideal").out());
        JsonNode b = m.readTree(CliHarness.run(env, "backtest", "--json", "--no-report", "--seed", "3",
                "--set", "strategy.levels.hedge=0.3").out());

        CliHarness.Result all = CliHarness.run(env, "runs");
        assertThat(all.exitCode()).as(all.err()).isZero();
        String out = all.out();
        assertThat(out.lines().count()).isEqualTo(3); // header + two runs
        assertThat(out.indexOf(b.get("run_id").asText())).as("newest first").isLessThan(out.indexOf(a.get("run_id").asText()));
        assertThat(out).contains("ideal", "realistic", "BTC 1h", "5000",
                String.format(java.util.Locale.ROOT, "%.2f%%", 100 * a.get("total_return").asDouble()));

        String hashA = a.get("config_hash").asText();
        assertThat(hashA).isNotEqualTo(b.get("config_hash").asText());
        CliHarness.Result filtered = CliHarness.run(env, "runs", "--config-hash", hashA.substring(0, 12));
        assertThat(filtered.out()).contains(a.get("run_id").asText()).doesNotContain(b.get("run_id").asText());

        CliHarness.Result limited = CliHarness.run(env, "runs", "--limit", "1");
        assertThat(limited.out()).contains(b.get("run_id").asText()).doesNotContain(a.get("run_id").asText());

        assertThat(CliHarness.run(env, "runs", "--limit", "0").exitCode()).isEqualTo(2);
        assertThat(CliHarness.run(Map.of("HYPERTRADER_DB", dir.resolve("none.duckdb").toString()), "runs").exitCode())
                .isEqualTo(3);
    }
}
