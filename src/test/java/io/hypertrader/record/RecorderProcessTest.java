package io.hypertrader.record;

import io.hypertrader.cli.CliHarness;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.data.AssetContext;
import io.hypertrader.data.AssetContextStore;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.FundingRate;
import io.hypertrader.data.FundingStore;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.FakeMarket;
import io.hypertrader.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hypertrader record} as a real child process (the CLI's main class on this test's class
 * path) against the fake exchange, killed with SIGKILL ({@code destroyForcibly}) at seeded random
 * moments (during start-up, backfill, writes or waits) and started again, then stopped with
 * SIGTERM. The market runs 60 times faster than the wall clock (one minute bar per second): the
 * recorder gets the same scaled clock through the hidden {@code --clock} option. In the end the
 * database holds every bar the exchange closed, once, with the exchange's final values; funding
 * once per hour; contexts once per slot, missing only while no recorder ran.
 */
class RecorderProcessTest {
    static final long MIN = FakeMarket.MINUTE;
    static final long HOUR = FakeMarket.HOUR;
    static final long FACTOR = 60;

    @TempDir
    Path dir;
    FakeHyperliquid fake;
    ScheduledExecutorService pump;
    Process child;

    @AfterEach
    void stop() throws IOException {
        if (System.getenv("RECORDER_DEBUG") != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".out")).toList()) {
                    Files.copy(f, Path.of("/tmp/rexp").resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        if (pump != null) {
            pump.shutdownNow();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void survivesKill9AtRandomMomentsWithoutGapOrDuplicate() throws Exception {
        long wall0 = System.currentTimeMillis();
        // The fixture's minutes start 10 h 50 min before the market's "now", a few minutes before
        // the wall clock (so data list, on the wall clock, sees the recorder's heartbeat as recent).
        long base = Math.floorDiv(wall0, 5 * MIN) * 5 * MIN - 650 * MIN;
        long market0 = base + 650 * MIN + 5_000;
        LongSupplier clock = () -> market0 + (System.currentTimeMillis() - wall0) * FACTOR;
        fake = FakeHyperliquid.start(Network.MAINNET, clock);
        FakeMarket market = new FakeMarket(clock, base, List.of("1m", "5m"));
        market.install(fake);
        pump = Executors.newSingleThreadScheduledExecutor();
        pump.scheduleAtFixedRate(() -> market.publish(fake), 0, 20, TimeUnit.MILLISECONDS);

        Path db = dir.resolve("rec.duckdb");
        String clockSpec = "scaled:" + market0 + ":" + wall0 + ":" + FACTOR;
        List<String> args = List.of("--db", db.toString(), "--api-url", fake.baseUrl(), "record", "--coin", "BTC", "--coin", "ETH",
                "--interval", "1m", "--interval", "5m", "--close-grace", "20s", "--confirm-after", "5m", "--heartbeat", "1m",
                "--clock", clockSpec);

        SplittableRandom random = new SplittableRandom(20261207L);
        // Market-time windows in which no recorder was known to be up: from a kill (or the
        // beginning) until the next run's socket has subscribed at the exchange.
        List<long[]> down = new ArrayList<>();
        long downSince = market0;
        int kills = 4;
        for (int k = 0; k <= kills; k++) {
            Path out = dir.resolve("run" + k + ".out");
            int subscribed = fake.subscribeCount();
            child = start(args, out);
            if (k > 0) {
                // a JVM start on a busy machine can take a while
                Await.until("run " + k + "'s start line", () -> read(out).contains(START_LINE), Duration.ofSeconds(90));
                Await.until("run " + k + "'s subscriptions", () -> fake.subscribeCount() >= subscribed + 6, Duration.ofSeconds(30));
                down.add(new long[]{downSince, clock.getAsLong()});
                downSince = Long.MIN_VALUE;
            }
            if (k == kills) {
                break;
            }
            // The first kill lands anywhere in JVM start-up or the first backfill; later ones
            // anywhere from the start line (the catch-up follows it) into steady recording.
            Thread.sleep(k == 0 ? 200 + random.nextInt(2_500) : random.nextInt(4_000));
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            if (downSince == Long.MIN_VALUE) {
                downSince = clock.getAsLong();
            }
            Thread.sleep(random.nextInt(1_500)); // the market moves on while nothing records
        }

        // The last run: up for a while, data list works beside it, then SIGTERM.
        Path lastOut = dir.resolve("run" + kills + ".out");
        Thread.sleep(3_000);
        // On a fast machine the kills above can all fall in the first minutes of market time; stay
        // up until the market is well past the start so every series has closed bars to confirm.
        long marketLeft = market0 + 20 * MIN - clock.getAsLong();
        if (marketLeft > 0) {
            Thread.sleep(marketLeft / FACTOR + 1);
        }
        Map<String, String> env = Map.of("HYPERTRADER_DB", db.toString());
        CliHarness.Result list = CliHarness.run(env, "data", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("recorder default: running").containsPattern("BTC\\s+1m\\s+\\d+.*hyperliquid-mainnet\\s+record");
        down.add(new long[]{clock.getAsLong(), Long.MAX_VALUE / 2});
        child.destroy();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(child.exitValue()).isIn(0, 143);
        assertThat(read(lastOut)).contains("record default: stopped;");
        assertThat(read(lastOut)).doesNotContain("Exception");
        assertThat(query(db, "SELECT count(*) FROM recorder_status WHERE stopped_at_ms IS NOT NULL")).isEqualTo(1);

        // A last catch-up (what the next start would do) confirms the bars written from the stream.
        CliHarness.Result once = CliHarness.run(env, "--api-url", fake.baseUrl(), "record", "--coin", "BTC", "--coin", "ETH",
                "--interval", "1m", "--interval", "5m", "--once", "--clock", clockSpec);
        assertThat(once.exitCode()).as(once.err()).isZero();
        pump.shutdownNow();

        try (Database d = Database.open(db)) {
            CandleStore store = new CandleStore(d, InstantSource.system());
            for (String coin : List.of("BTC", "ETH")) {
                for (Interval iv : List.of(Interval.M1, Interval.M5)) {
                    long cursor = query(db, "SELECT verified_up_to_ms FROM recorder_cursor WHERE coin = '" + coin + "' AND interval = '"
                            + iv.code() + "'");
                    assertThat(cursor).as(coin + " " + iv + " confirmed past the start").isGreaterThan(market0 + 10 * MIN);
                    List<Candle> got = store.candles(Coin.of(coin), iv, Long.MIN_VALUE, Long.MAX_VALUE);
                    assertThat(got).as(coin + " " + iv + ": every closed bar once, with the exchange's final values")
                            .containsExactlyElementsOf(market.finalBars(coin, iv, base, cursor));
                }
                List<FundingRate> f = new FundingStore(d, InstantSource.system()).read(Coin.of(coin), 0, Long.MAX_VALUE);
                List<FundingRate> expected = new ArrayList<>();
                for (long h = Math.floorDiv(base, HOUR) * HOUR; market.settlement(coin, h).timeMs() <= clock.getAsLong() - 3 * MIN; h += HOUR) {
                    expected.add(market.settlement(coin, h));
                }
                assertThat(f).as(coin + " funding").startsWith(expected.toArray(FundingRate[]::new)).hasSizeLessThanOrEqualTo(expected.size() + 1);

                List<AssetContext> ctx = new AssetContextStore(d).read(Coin.of(coin), 0, Long.MAX_VALUE);
                assertThat(ctx).as(coin + " contexts").isNotEmpty();
                long first = ctx.getFirst().timeMs();
                long last = ctx.getLast().timeMs();
                List<Long> have = ctx.stream().map(AssetContext::timeMs).toList();
                for (long slot = first; slot <= last; slot += MIN) {
                    if (!have.contains(slot)) {
                        long s = slot;
                        assertThat(down).as("%s context slot %d is empty although a recorder ran", coin, slot)
                                .anyMatch(w -> s + MIN > w[0] - MIN && s < w[1] + MIN);
                    }
                }
                for (AssetContext c : ctx) {
                    // The fake's open interest counts the minutes since base: it names the minute the
                    // context was published in, which is at most the slot it arrived in (at 60x a
                    // delivery delay of a second of wall time is a minute of market time).
                    long published = base + (long) (c.openInterest() - 1000) * MIN;
                    assertThat(published).isLessThanOrEqualTo(c.timeMs());
                    Candle bar = market.finalBar(coin, Interval.M1, published);
                    assertThat(c.markPx()).isBetween(bar.low(), bar.high());
                    assertThat(c.oraclePx()).isEqualTo(c.markPx() - 2.5);
                }
            }
        }
    }

    static final String START_LINE = "record default: BTC,ETH 1m,5m";

    Process start(List<String> args, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.hypertrader.cli.HyperTraderCli"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static long query(Path db, String sql) {
        try (Database d = Database.open(db); Statement st = d.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
