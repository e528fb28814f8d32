package io.hypertrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: {@code backtest --config config/portfolio-example.yaml} stored the run and then exited 2,
 * and {@code report} and {@code verify} of it failed the same way. Here the example config as
 * shipped runs on generated 4h candles of its three coins (no ../shared needed), reports with the
 * per-coin breakdown, re-renders and verifies.
 */
class PortfolioReportTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;

    @BeforeAll
    static void generateThreeCoins() throws IOException {
        env = Map.of("HYPERTRADER_DB", dir.resolve("p.duckdb").toString());
        long seed = 11;
        for (String coin : List.of("BTC", "ETH", "SOL")) {
            Path hourly = dir.resolve(coin + "-1h.csv");
            CliHarness.Result g = CliHarness.run(env, "data", "generate", "--seed", Long.toString(seed++), "--candles",
                    "4000", "--out", hourly.toString());
            assertThat(g.exitCode()).as(g.err()).isZero();
            Path fourHourly = dir.resolve(coin + "-4h.csv");
            Files.write(fourHourly, toFourHours(Files.readAllLines(hourly)));
            CliHarness.Result i = CliHarness.run(env, "data", "import", fourHourly.toString(), "--coin", coin,
                    "--interval", "4h", "--source", "synthetic");
            assertThat(i.exitCode()).as(i.err()).isZero();
        }
    }

    /** Groups 1h rows (open_time_ms,open,high,low,close,volume; from 00:00 UTC) into 4h rows. */
    static List<String> toFourHours(List<String> rows) {
        List<String> out = new ArrayList<>(List.of(rows.get(0)));
        for (int i = 1; i + 3 < rows.size(); i += 4) {
            String[] a = rows.get(i).split(",");
            double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY, vol = 0;
            String close = null;
            for (int k = i; k < i + 4; k++) {
                String[] f = rows.get(k).split(",");
                hi = Math.max(hi, Double.parseDouble(f[2]));
                lo = Math.min(lo, Double.parseDouble(f[3]));
                vol += Double.parseDouble(f[5]);
                close = f[4];
            }
            out.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s", a[0], a[1], plain(hi), plain(lo), close, plain(vol)));
        }
        return out;
    }

    private static String plain(double x) {
        return new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    @Test
    void theExamplePortfolioBacktestsReportsWithItsCoinsAndVerifies() throws Exception {
        Path reports = dir.resolve("reports");
        CliHarness.Result bt = CliHarness.run(env, "backtest", "--config", "config/portfolio-example.yaml", "--json",
                "--reports", reports.toString());
        assertThat(bt.exitCode()).as(bt.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(bt.out());
        String runId = j.get("run_id").asText();
        assertThat(j.get("coins")).hasSize(3);
        assertThat(j.get("path_interval").get("modes")).hasSize(4);
        Path folder = reports.resolve(runId);
        String html = Files.readString(folder.resolve("index.html"));
        assertThat(html).contains("<h2>Per coin</h2>", "SYNTHETIC DATA", "all coins");
        for (String coin : List.of("BTC", "ETH", "SOL")) {
            assertThat(html).contains("<td>" + coin + "</td>");
        }
        // every coin's fills are in trades.csv, named
        Set<String> coins = new TreeSet<>();
        List<String> trades = Files.readAllLines(folder.resolve("trades.csv"));
        for (String row : trades.subList(1, trades.size())) {
            coins.add(row.substring(row.lastIndexOf(',') + 1));
        }
        assertThat(coins).containsExactly("BTC", "ETH", "SOL");
        // the weights are the config's
        JsonNode m = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile());
        assertThat(m.at("/analysis/per_coin/0/weight").asDouble()).isEqualTo(0.4);
        assertThat(m.at("/analysis/per_coin/2/weight").asDouble()).isEqualTo(0.2);

        CliHarness.Result v = CliHarness.run(env, "verify", runId);
        assertThat(v.exitCode()).as(v.err() + v.out()).isZero();
        String metrics = Files.readString(folder.resolve("metrics.json"));
        CliHarness.Result r = CliHarness.run(env, "report", runId, "--reports", reports.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(folder.resolve("metrics.json"))).isEqualTo(metrics);
        assertThat(Files.readString(folder.resolve("index.html"))).isEqualTo(html);
    }
}
