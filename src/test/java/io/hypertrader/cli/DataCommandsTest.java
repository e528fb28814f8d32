package io.hypertrader.cli;

import io.hypertrader.core.Network;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.SyntheticHistory;
import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fetch and data commands run in-process: exit codes, stdout and the first stderr line. */
class DataCommandsTest {
    @TempDir
    Path dir;
    Path db;
    FakeHyperliquid fake;

    @BeforeEach
    void start() throws Exception {
        db = dir.resolve("sub/h.duckdb");
        long now = System.currentTimeMillis();
        fake = FakeHyperliquid.start(Network.MAINNET, () -> now);
        SyntheticHistory.serve(fake, now);
        fake.setDateOffsetMs(null);
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    CliHarness.Result run(String... args) {
        return CliHarness.run(Map.of("HYPERTRADER_DB", db.toString(), "HYPERTRADER_API_URL", fake.baseUrl()), args);
    }

    static String firstErrLine(CliHarness.Result r) {
        return r.err().lines().findFirst().orElse("");
    }

    @Test
    void fetchThenListAndShow() {
        CliHarness.Result f = run("fetch", "--coin", "BTC", "--interval", "1h", "--candles", "50");
        assertThat(f.exitCode()).as(f.err()).isZero();
        assertThat(f.out()).contains("BTC 1h: 49 new candles (49 written) from hyperliquid-mainnet", "0 still missing",
                "funding: ");
        assertThat(f.err()).contains("BTC 1h: 49 bars wanted").contains("49 to fetch");

        CliHarness.Result again = run("fetch", "--coin", "BTC", "--interval", "1h", "--candles", "50", "--quiet");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 new candles");
        assertThat(again.err()).isEmpty();

        CliHarness.Result list = run("data", "list");
        assertThat(list.exitCode()).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).matches("BTC\\s+1h\\s+49\\s+\\S+Z\\s+\\S+Z\\s+0 \\(0\\)\\s+hyperliquid-mainnet\\s+fetch");
        assertThat(lines.get(2)).isEmpty();
        assertThat(lines.get(3)).startsWith("coin").contains("series", "rows", "via");
        assertThat(lines.get(4)).matches("BTC\\s+funding\\s+\\d+\\s+\\S+Z\\s+\\S+Z\\s+hyperliquid-mainnet\\s+fetch");

        CliHarness.Result show = run("data", "show", "--coin", "BTC", "--interval", "1h", "--tail", "3");
        assertThat(show.exitCode()).isZero();
        assertThat(show.out().lines().toList()).hasSize(1 + 1 + 3);
        assertThat(show.out()).startsWith("BTC 1h: 49 candles");
    }

    @Test
    void noFundingFlagSkipsFunding() {
        CliHarness.Result f = run("fetch", "--coin", "BTC", "--interval", "1h", "--candles", "5", "--no-funding");
        assertThat(f.exitCode()).isZero();
        assertThat(f.out()).doesNotContain("funding");
        assertThat(fake.requestCount()).isEqualTo(2); // meta + one candle page
    }

    @Test
    void unknownCoinIsExit2WithTheReason() {
        CliHarness.Result r = run("fetch", "--coin", "DOESNOTEXIST", "--interval", "1h");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(firstErrLine(r)).startsWith("error: coin 'DOESNOTEXIST' is not a perpetual on Hyperliquid mainnet");
    }

    @Test
    void moreThan5000CandlesIsRefusedWithTheReason() {
        CliHarness.Result r = run("fetch", "--coin", "BTC", "--interval", "1h", "--candles", "6000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(firstErrLine(r)).contains("--candles 6000", "only the most recent 5000 candles");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void badFlags() {
        assertThat(run("fetch", "--coin", "BTC").exitCode()).isEqualTo(2);
        CliHarness.Result iv = run("fetch", "--coin", "BTC", "--interval", "7m");
        assertThat(iv.exitCode()).isEqualTo(2);
        assertThat(firstErrLine(iv)).startsWith("error: --interval: unknown interval '7m'");
        CliHarness.Result from = run("fetch", "--coin", "BTC", "--interval", "1h", "--from", "yesterday");
        assertThat(from.exitCode()).isEqualTo(2);
        assertThat(firstErrLine(from)).contains("--from 'yesterday' is neither epoch milliseconds nor an ISO-8601 time");
        CliHarness.Result both = run("fetch", "--coin", "BTC", "--interval", "1h", "--candles", "5", "--from", "2025-01-01");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(firstErrLine(both)).contains("either --candles or --from/--to");
        CliHarness.Result coin = run("fetch", "--coin", "B T C", "--interval", "1h");
        assertThat(coin.exitCode()).isEqualTo(2);
        assertThat(firstErrLine(coin)).startsWith("error: --coin: invalid coin name");
        assertThat(run("data", "export", "--coin", "BTC", "--interval", "1h", "--format", "xls", "--out", "x").exitCode()).isEqualTo(2);
        assertThat(run("data").exitCode()).isEqualTo(2);
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void oldRangeIsExit3NamingTheImportCommand() {
        CliHarness.Result r = run("fetch", "--coin", "BTC", "--interval", "1m", "--from", "2020-01-01", "--to", "2020-02-01T00:00:00Z");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(firstErrLine(r)).contains("only the most recent 5000 1m candles", "hypertrader data import FILE --coin BTC --interval 1m");
    }

    @Test
    void missingDatabaseIsExit3WithTheFix() {
        for (String[] args : List.of(new String[]{"data", "list"}, new String[]{"data", "show", "--coin", "BTC", "--interval", "1h"},
                new String[]{"data", "export", "--coin", "BTC", "--interval", "1h", "--format", "csv", "--out", dir.resolve("x.csv").toString()})) {
            CliHarness.Result r = run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(3);
            assertThat(firstErrLine(r)).startsWith("error: no database at " + db).contains("hypertrader fetch --coin");
        }
        assertThat(db).doesNotExist();
    }

    @Test
    void badCsvFilesAreOneClearErrorLineAndNoDatabase() throws Exception {
        Path header = dir.resolve("header-only.csv");
        Files.writeString(header, "open_time_ms,open,high,low,close,volume\n");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        Path seconds = dir.resolve("seconds.csv");
        Files.writeString(seconds, "open_time_ms,open,high,low,close,volume\n1510531200,5886.35,6053.97,5858.01,6046.01,1961.82\n");
        Path micros = dir.resolve("micros.csv");
        Files.writeString(micros, "open_time_ms,open,high,low,close,volume\n1510531200000000,5886.35,6053.97,5858.01,6046.01,1961.82\n");
        for (var c : List.of(List.of(header, "the header but no candle rows"), List.of(empty, "empty file"),
                List.of(seconds, "these look like seconds"), List.of(micros, "these look like microseconds"))) {
            CliHarness.Result r = run("data", "import", c.get(0).toString(), "--coin", "BTC", "--interval", "1h");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(firstErrLine(r)).startsWith("error: " + c.get(0)).contains((String) c.get(1));
            assertThat(r.err()).doesNotContain("Exception", "\tat ");
        }
        assertThat(db).doesNotExist(); // validated before the database is opened
    }

    @Test
    void missingSeriesInAnExistingDatabaseIsExit3() {
        assertThat(run("data", "import", "../datasets/none.csv", "--coin", "BTC", "--interval", "1h").exitCode()).isEqualTo(2);
        run("fetch", "--coin", "ETH", "--interval", "1h", "--candles", "3", "--no-funding");
        CliHarness.Result r = run("data", "show", "--coin", "BTC", "--interval", "4h");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(firstErrLine(r)).contains("no BTC 4h candles", "hypertrader fetch --coin BTC --interval 4h");
    }

    @Test
    void importExportRoundTripOfTheShippedDataset() throws Exception {
        Path shipped = Path.of("datasets/synthetic-btc-1h.csv");
        CliHarness.Result imp = run("data", "import", shipped.toString(), "--coin", "BTC", "--interval", "1h", "--source", "synthetic");
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("imported 5000 candles (5000 new) into BTC 1h", "0 gaps (0 missing bars)");
        assertThat(run("data", "import", shipped.toString(), "--coin", "BTC", "--interval", "1h", "--source", "synthetic").out())
                .contains("imported 5000 candles (0 new)");

        Path csv = dir.resolve("out/btc.csv");
        CliHarness.Result exp = run("data", "export", "--coin", "BTC", "--interval", "1h", "--format", "csv", "--out", csv.toString());
        assertThat(exp.exitCode()).as(exp.err()).isZero();
        assertThat(Files.readString(csv)).isEqualTo(Files.readString(shipped));

        Path pq = dir.resolve("out/btc.parquet");
        assertThat(run("data", "export", "--coin", "BTC", "--interval", "1h", "--format", "parquet", "--out", pq.toString()).exitCode()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), min(open_time_ms), max(source) FROM read_parquet('" + pq + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(5000);
            assertThat(rs.getLong(2)).isEqualTo(1_704_067_200_000L);
            assertThat(rs.getString(3)).isEqualTo("synthetic");
        }
        try (var files = Files.list(csv.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("btc.csv", "btc.parquet");
        }
    }

    @Test
    void invalidImportLeavesTheDatabaseUnchanged() throws Exception {
        run("data", "import", Fixtures.writeBtcHourlyLastCsv(dir.resolve("real")).toString(), "--coin", "BTC", "--interval", "1h");
        String before = run("data", "list").out();
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "open_time_ms,open,high,low,close,volume\n1599998400000,10,11,9,10,1\n1600002000000,10,9,11,10,1\n");
        CliHarness.Result r = run("data", "import", bad.toString(), "--coin", "BTC", "--interval", "1h", "--source", "coinbase-btcusd-1h-2017-2019");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(firstErrLine(r)).contains("bad.csv line 3", "high 9.0 < low 11.0", "nothing imported");
        assertThat(run("data", "list").out()).isEqualTo(before);
        assertThat(before).contains("5000").contains("coinbase-btcusd-1h-2017-2019");

        CliHarness.Result mix = run("data", "import", "datasets/synthetic-btc-1h.csv", "--coin", "BTC", "--interval", "1h");
        assertThat(mix.exitCode()).isEqualTo(2);
        assertThat(firstErrLine(mix)).contains("refusing to mix");
        assertThat(run("data", "list").out()).isEqualTo(before);
    }
}
