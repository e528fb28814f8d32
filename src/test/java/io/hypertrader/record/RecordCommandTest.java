package io.hypertrader.record;

import io.hypertrader.cli.CliHarness;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.FakeMarket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hypertrader record} through the CLI against the fake exchange on the wall clock:
 * {@code --once} growing a fetched series (and data list saying so), and the refusals.
 */
class RecordCommandTest {
    static final long MIN = FakeMarket.MINUTE;

    @TempDir
    Path dir;
    FakeHyperliquid fake;
    FakeMarket market;
    long base;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        long now = System.currentTimeMillis();
        base = Math.floorDiv(now, 5 * MIN) * 5 * MIN - 650 * MIN;
        fake = FakeHyperliquid.start(Network.MAINNET);
        market = new FakeMarket(System::currentTimeMillis, base, List.of("1m"));
        market.install(fake);
        env = Map.of("HYPERTRADER_DB", dir.resolve("h.duckdb").toString(), "HYPERTRADER_API_URL", fake.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    CliHarness.Result run(String... args) {
        return CliHarness.run(env, args);
    }

    @Test
    void onceGrowsAFetchedSeriesAndDataListShowsBothWriters() {
        // fetch an old stretch: 05:00 to 10:00 of the fixture's day
        CliHarness.Result fetch = run("fetch", "--coin", "BTC", "--interval", "1m", "--from", String.valueOf(base + 100 * MIN),
                "--to", String.valueOf(base + 400 * MIN), "--quiet");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();

        CliHarness.Result once = run("record", "--coin", "BTC", "--interval", "1m", "--once");
        assertThat(once.exitCode()).as(once.err()).isZero();
        assertThat(once.out()).contains("record default: BTC 1m; funding; contexts every 1m into hyperliquid-mainnet; BTC 1m from ")
                .containsPattern("BTC 1m: \\d+ bars read over REST after ")
                .contains("record default: stopped; REST only; BTC 1m ");
        assertThat(once.err()).isEmpty();

        // The recorder extends the series forward from its newest bar, exactly.
        try (Database d = Database.open(dir.resolve("h.duckdb"))) {
            List<Candle> got = new CandleStore(d, InstantSource.system()).candles(Coin.of("BTC"), Interval.M1, 0, Long.MAX_VALUE);
            long last = got.getLast().openTime();
            assertThat(last).isGreaterThan(base + 640 * MIN);
            assertThat(got).containsExactlyElementsOf(market.finalBars("BTC", Interval.M1, base + 100 * MIN, last));
        }

        CliHarness.Result list = run("data", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("BTC\\s+1m\\s+\\d+\\s+\\S+Z\\s+\\S+Z\\s+0 \\(0\\)\\s+hyperliquid-mainnet\\s+fetch\\+record")
                .containsPattern("BTC\\s+funding\\s+\\d+.*hyperliquid-mainnet\\s+fetch\\+record")
                .containsPattern("BTC\\s+asset contexts\\s+1\\s+.*hyperliquid-mainnet\\s+record")
                .containsPattern("recorder default: stopped at \\S+Z; pid \\d+ on \\S+, started \\S+Z; last write \\S+Z \\(\\d+ s ago\\)");
    }

    @Test
    void refusesToMixSourcesBeforeWritingAnything() {
        Map<String, String> shipped = CliHarness.shippedDatasetEnv(dir);
        CliHarness.Result r = CliHarness.run(Map.of("HYPERTRADER_DB", shipped.get("HYPERTRADER_DB"), "HYPERTRADER_API_URL", fake.baseUrl()),
                "record", "--coin", "BTC", "--interval", "1h", "--once");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("BTC 1h already holds candles from source 'synthetic'", "never mixes sources",
                "hypertrader data delete --coin BTC --interval 1h");
        CliHarness.Result list = CliHarness.run(Map.of("HYPERTRADER_DB", shipped.get("HYPERTRADER_DB")), "data", "list");
        assertThat(list.out()).contains("synthetic").doesNotContain("recorder ");
    }

    @Test
    void refusesASecondRecorderOfTheSameName() throws Exception {
        assertThat(run("record", "--coin", "BTC", "--interval", "1h", "--once", "--contexts", "off", "--no-funding").exitCode()).isZero();
        // another live process holds the name, with a fresh heartbeat
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            try (Database d = Database.open(dir.resolve("h.duckdb"));
                 PreparedStatement ps = d.connection().prepareStatement("UPDATE recorder_status SET pid = ?, heartbeat_ms = ?,"
                         + " stopped_at_ms = NULL, host = ?")) {
                ps.setLong(1, other.pid());
                ps.setLong(2, System.currentTimeMillis());
                ps.setString(3, RecorderStatus.thisHost());
                assertThat(ps.executeUpdate()).isOne();
            }
            CliHarness.Result r = run("record", "--coin", "BTC", "--interval", "1h", "--once");
            assertThat(r.exitCode()).isEqualTo(5);
            assertThat(r.err()).contains("a recorder named 'default' is already running (pid " + other.pid(), "give this one another --name");
            assertThat(run("data", "list").out()).contains("recorder default: running; pid " + other.pid());
            assertThat(run("record", "--coin", "BTC", "--interval", "1h", "--once", "--name", "second").exitCode()).isZero();
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        // the holder is gone (what a kill -9 leaves): the name is free again
        assertThat(run("data", "list").out()).contains("recorder default: silent since");
        assertThat(run("record", "--coin", "BTC", "--interval", "1h", "--once").exitCode()).isZero();
    }

    @Test
    void badInputIsExit2NamingIt() {
        CliHarness.Result none = run("record", "--interval", "1m");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no coin given");
        CliHarness.Result unknown = run("record", "--coin", "NOPE", "--interval", "1m", "--once");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("coin 'NOPE' is not a perpetual on the exchange (meta lists 4 coins: BTC, ETH, OLD, SOL)");
        CliHarness.Result both = run("record", "--coin", "BTC", "--interval", "1m", "--once", "--duration", "1m");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either --once or --duration");
        CliHarness.Result clock = run("record", "--coin", "BTC", "--interval", "1m", "--once", "--clock", "fast");
        assertThat(clock.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("h.duckdb")).doesNotExist();
    }
}
