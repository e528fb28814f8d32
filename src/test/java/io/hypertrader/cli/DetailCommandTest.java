package io.hypertrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;
import io.hypertrader.testdata.CandleCsv;
import io.hypertrader.testdata.SharedDatasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backtest --detail 1m} end to end (issue 12): the FTX BTC-PERP 1m month imported as is, its
 * complete hours as 1h bars (one minute left out, so one hour falls back), the run's detail in the
 * summary, the JSON, the stored manifest (verify re-runs it with its detail) and the run id, and
 * the path interval narrower than without.
 */
class DetailCommandTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;
    static int hours;

    @BeforeAll
    static void importFtx() throws IOException {
        Path ftx = SharedDatasets.file("ftx-btcperp-1m-2022-01.csv", "backtest --detail runs on the FTX BTC-PERP 1m month");
        CandleSeries m1 = CandleCsv.read(ftx, "BTC", Interval.M1);
        // the 1m file without one minute (2022-01-10 12:17): that hour has no complete sub-bars
        long dropped = java.time.Instant.parse("2022-01-10T12:17:00Z").toEpochMilli();
        StringBuilder minutes = new StringBuilder("open_time_ms,open,high,low,close,volume\n");
        StringBuilder hourly = new StringBuilder("open_time_ms,open,high,low,close,volume\n");
        long hour = 3_600_000L;
        for (int i = 0; i < m1.size(); ) {
            long h = m1.openTime(i) - m1.openTime(i) % hour;
            int j = i;
            double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY, vol = 0;
            while (j < m1.size() && m1.openTime(j) < h + hour) {
                hi = Math.max(hi, m1.high(j));
                lo = Math.min(lo, m1.low(j));
                vol += m1.volume(j);
                if (m1.openTime(j) != dropped) {
                    minutes.append(row(m1.openTime(j), m1.open(j), m1.high(j), m1.low(j), m1.close(j), m1.volume(j)));
                }
                j++;
            }
            if (j - i == 60) {
                hourly.append(row(h, m1.open(i), hi, lo, m1.close(j - 1), vol));
                hours++;
            }
            i = j;
        }
        Path m = dir.resolve("m1.csv");
        Path h = dir.resolve("h1.csv");
        Files.writeString(m, minutes);
        Files.writeString(h, hourly);
        env = Map.of("HYPERTRADER_DB", dir.resolve("t.duckdb").toString());
        for (String[] imp : new String[][]{{m.toString(), "1m"}, {h.toString(), "1h"}}) {
            CliHarness.Result r = CliHarness.run(env, "data", "import", imp[0], "--coin", "BTC", "--interval", imp[1],
                    "--source", "ftx");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
    }

    private static String row(long t, double o, double h, double l, double c, double v) {
        return String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s%n", t, o, h, l, c, v);
    }

    private static JsonNode backtest(String... extra) throws IOException {
        String[] args = new String[]{"backtest", "--no-report", "--json", "--set", "strategy.trigger=intrabar"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        CliHarness.Result r = CliHarness.run(env, all);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void detailReplaysTheHoursThroughTheirMinutesAndThePathIntervalShrinks() throws IOException {
        JsonNode bare = backtest();
        JsonNode detailed = backtest("--detail", "1m");
        assertThat(bare.get("detail_interval").isNull()).isTrue();
        assertThat(bare.get("detail_bars").asInt()).isZero();
        assertThat(detailed.get("detail_interval").asText()).isEqualTo("1m");
        assertThat(detailed.get("detail_fallback_bars").asInt()).isEqualTo(1);
        assertThat(detailed.get("detail_bars").asInt()).isEqualTo(hours - 1);
        // --detail is in the event log, so in the hash and the run id
        assertThat(detailed.get("event_log_sha256").asText()).isNotEqualTo(bare.get("event_log_sha256").asText());
        double bareSpread = spread(bare.get("path_interval"));
        double detailSpread = spread(detailed.get("path_interval"));
        assertThat(detailSpread).as("max/min final equity over the 4 path modes, with --detail 1m (without: %s)", bareSpread)
                .isLessThan(bareSpread);
        // the manifest keeps the detail: verify re-runs with it and reproduces the hash
        assertThat(CliHarness.run(env, "verify", detailed.get("run_id").asText()).exitCode()).isZero();
        // the report's manifest says it too
        Path reports = dir.resolve("bt-reports");
        CliHarness.Result withReport = CliHarness.run(env, "backtest", "--detail", "1m", "--reports", reports.toString(),
                "--set", "strategy.trigger=intrabar");
        assertThat(withReport.exitCode()).as(withReport.err()).isZero();
        try (var files = Files.walk(reports)) {
            Path page = files.filter(f -> f.getFileName().toString().equals("index.html")).findFirst().orElseThrow();
            assertThat(Files.readString(page)).contains("1m: " + (hours - 1) + " bars replayed through their 1m candles, 1 on their own path");
        }
        CliHarness.Result text = CliHarness.run(env, "backtest", "--no-report", "--detail", "1m");
        assertThat(text.out()).contains("detail       1m: " + (hours - 1) + " bars replayed through their 1m candles, 1 on their own path");
    }

    @Test
    void theStudyCommandsTakeDetailAndSayItInTheirManifest() throws IOException {
        Path reports = dir.resolve("reports");
        for (String[] cmd : new String[][]{
                {"montecarlo", "--seeds", "2", "--threads", "1"},
                {"sweep", "--param", "strategy.levels.hedge=0.23,0.25", "--threads", "1"},
                {"walkforward", "--train", "10d", "--test", "5d", "--param", "strategy.levels.hedge=0.23,0.25", "--threads", "1"}}) {
            String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 6);
            System.arraycopy(new String[]{"--detail", "1m", "--reports", reports.toString(), "--set", "strategy.trigger=intrabar"},
                    0, args, cmd.length, 6);
            CliHarness.Result r = CliHarness.run(env, args);
            assertThat(r.exitCode()).as(cmd[0] + ": " + r.err()).isZero();
        }
        try (var files = Files.walk(reports)) {
            List<Path> pages = files.filter(f -> f.getFileName().toString().equals("index.html")).toList();
            assertThat(pages).hasSize(3).allSatisfy(pg -> assertThat(Files.readString(pg)).contains("--detail")
                    .contains("1m (1 of 1 coins have 1m candles stored)"));
        }
    }

    @Test
    void aDetailIntervalThatIsNotFinerIsRefused() {
        CliHarness.Result r = CliHarness.run(env, "backtest", "--no-report", "--detail", "4h");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--detail 4h", "finer");
    }

    private static double spread(JsonNode pi) {
        return pi.get("max").get("final_equity").asDouble() / pi.get("min").get("final_equity").asDouble();
    }
}
