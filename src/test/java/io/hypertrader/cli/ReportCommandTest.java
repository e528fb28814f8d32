package io.hypertrader.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The backtest writes its report; {@code hypertrader report RUN_ID} re-renders it from the stored run. */
class ReportCommandTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;

    @BeforeAll
    static void importShippedDataset() {
        env = CliHarness.shippedDatasetEnv(dir);
    }

    @Test
    void backtestWritesItsReportAndReportRewritesTheSameFiles() throws Exception {
        Path reports = dir.resolve("reports");
        CliHarness.Result bt = CliHarness.run(env, "backtest", "--reports", reports.toString(), "--to", "2024-04-01",
                "--seed", "3");
        assertThat(bt.exitCode()).as(bt.err()).isZero();
        String runId = bt.out().lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().substring(4).trim();
        Path folder = reports.resolve(runId);
        assertThat(bt.out()).contains("report       " + folder.resolve("index.html").toAbsolutePath());
        for (String f : List.of("index.html", "equity.png", "capture.png", "candles.png", "metrics.json", "trades.csv",
                "equity.csv", "cycles.csv")) {
            assertThat(folder.resolve(f)).as(f).isNotEmptyFile();
        }
        String html = Files.readString(folder.resolve("index.html"));
        // per-cycle capture against the ideal of the capture example of docs/strategy.md, and the manifest
        assertThat(html).contains("Cycle capture (median)", "ideal 76.40 %", "capture.png", "config hash", "sha256:",
                "event log", runId);
        // the shipped data is synthetic, and the page says so first; the path interval is on the first screen
        assertThat(html).contains("id=\"synthetic\"", "SYNTHETIC DATA", "id=\"path-interval\"", "worst-case", "(this run)");
        if (html.contains("class=\"pathbox disagree\"")) {
            assertThat(html).contains("The intrabar path decides this result", "--detail INTERVAL");
        }
        assertThat(html.indexOf("id=\"path-interval\"")).isLessThan(html.indexOf("id=\"headline\""));
        assertThat(html.indexOf("id=\"synthetic\"")).isLessThan(html.indexOf("id=\"path-interval\""));
        // trades.csv keeps notional_fee (the fee, a historical name) and adds notional and fee
        List<String> trades = Files.readAllLines(folder.resolve("trades.csv"));
        assertThat(trades.get(0)).isEqualTo("time_ms,time_utc,order_id,side,price,quantity,notional_fee,slippage_bp,"
                + "latency_ms,maker,leg,notional,fee,coin");
        for (String row : trades.subList(1, trades.size())) {
            String[] f = row.split(",");
            double price = Double.parseDouble(f[4]), qty = Double.parseDouble(f[5]);
            assertThat(Double.parseDouble(f[11])).isCloseTo(price * qty, org.assertj.core.data.Offset.offset(1e-6 * price * qty));
            assertThat(f[12]).isEqualTo(f[6]);
            assertThat(f[13]).isEqualTo("BTC");
        }
        String metrics = Files.readString(folder.resolve("metrics.json"));
        String equity = Files.readString(folder.resolve("equity.csv"));
        String page = Files.readString(folder.resolve("index.html"));

        Files.delete(folder.resolve("metrics.json"));
        CliHarness.Result rep = CliHarness.run(env, "report", runId, "--reports", reports.toString());
        assertThat(rep.exitCode()).as(rep.err()).isZero();
        assertThat(rep.out().trim()).isEqualTo(folder.resolve("index.html").toAbsolutePath().toString());
        // the same run re-rendered: byte-identical data files
        assertThat(Files.readString(folder.resolve("metrics.json"))).isEqualTo(metrics);
        assertThat(Files.readString(folder.resolve("equity.csv"))).isEqualTo(equity);
        // the page too, path interval included: report recomputes it and gets the same bytes
        assertThat(Files.readString(folder.resolve("index.html"))).isEqualTo(page);
    }

    @Test
    void unknownRunIdExits3() {
        CliHarness.Result r = CliHarness.run(env, "report", "bt-nope", "--reports", dir.resolve("reports").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("no run 'bt-nope'").doesNotContain("Exception");
        CliHarness.Result noDb = CliHarness.run(Map.of("HYPERTRADER_DB", dir.resolve("none.duckdb").toString()),
                "report", "x");
        assertThat(noDb.exitCode()).isEqualTo(3);
    }

    @Test
    void noReportWritesNothing() {
        Path reports = dir.resolve("none");
        CliHarness.Result bt = CliHarness.run(env, "backtest", "--no-report", "--reports", reports.toString(), "--to",
                "2024-02-01");
        assertThat(bt.exitCode()).as(bt.err()).isZero();
        assertThat(reports).doesNotExist();
    }
}
