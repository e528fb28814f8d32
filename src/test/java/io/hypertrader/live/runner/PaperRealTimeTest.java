package io.hypertrader.live.runner;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.OkHttpTransport;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.feed.WebSocketMarketFeed;
import io.hypertrader.live.replay.Parity;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.testdata.SharedDatasets;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 11: paper trades in real time. A paper deployment with the WebSocket feed against the fake
 * exchange, whose mid the test moves along 80 real FTX BTC-PERP 1m candles of 22 Jan 2022 (a window
 * range with three swings of about 1 %), four points a bar, 150 ms apart, with its best bid and
 * offer 0.5 % either side. Every decision must be journaled within 1 s (wall) of the price point
 * that caused it, every fill must be at the live price of its moment plus the live book's half
 * spread, and the position must pay funding at the live rate when the
 * runner's clock passes the hour (the runner's clock is the wall clock shifted so that an hour
 * boundary falls 20 s into the session).
 */
class PaperRealTimeTest {
    static final Coin BTC = Coin.of("BTC");
    static final int WARM = 10;
    static final int LIVE = 80;
    static final long STEP_MS = 150;
    static final double HALF_SPREAD = 0.005;

    @TempDir
    Path dir;
    FakeHyperliquid fake;
    WebSocketMarketFeed feed;
    final ExecutorService thread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws Exception {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
        if (feed != null) {
            feed.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    /** A price the test set, at the runner's time. */
    record Point(long timeMs, double price) {
    }

    @Test
    void decisionsWithinOneSecondOfTheirPriceFillsAtLivePricesAndFundingOnTheHour() throws Exception {
        List<double[]> rows = rows(SharedDatasets.file("ftx-btcperp-1m-2022-01.csv", "a paper session on real 1m candles"));
        long realStart = System.currentTimeMillis();
        long hour = 3_600_000L;
        long edge = Math.floorDiv(realStart + 20_000 + hour - 1, hour) * hour; // the runner's clock meets the hour 20 s in
        long offset = edge - (realStart + 20_000);
        LongSupplier clock = () -> System.currentTimeMillis() + offset;

        fake = FakeHyperliquid.start(Network.TESTNET);
        List<Candle> warm = new ArrayList<>();
        long base = Math.floorDiv(clock.getAsLong(), 60_000L) * 60_000L - (WARM + 1) * 60_000L;
        for (int k = 0; k < WARM; k++) {
            double[] r = rows.get(k);
            warm.add(new Candle(base + k * 60_000L, base + k * 60_000L + 59_999, r[0], r[1], r[2], r[3], r[4], 100));
        }
        new LiveFixtures.Script(fake, WARM).add("BTC", warm).midFromTest().hold();
        // a wide book (the best bid and offer 0.5 % either side of the mid, pushed on bbo): a fill shows whose spread it paid
        fake.setHalfSpread("BTC", java.math.BigDecimal.valueOf(Math.round(rows.get(WARM)[0] * HALF_SPREAD)));
        fake.setMid("BTC", LiveFixtures.Script.px(rows.get(WARM)[0]));
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).retryOnConnectionFailure(false).build();
        OkHttpTransport transport = new OkHttpTransport(http, fake.baseUrl());
        Path db = dir.resolve("live.duckdb");
        LiveStore store = new LiveStore(DbAccess.file(db));
        TradingPlan plan = LiveFixtures.plan(BTC, Interval.M1, "ab12cd34ef56" + "0".repeat(52));
        LiveStore.Deployment d = new LiveStore.Deployment(store.newDeploymentId(LiveStore.Stage.PAPER, plan.hash()),
                LiveStore.Stage.PAPER, plan.hash(), "test", null, plan.json(), null, "created", clock.getAsLong(), null, "test", 42L,
                plan.initialEquity(), null, null, null, null, null);
        store.insert(d);
        feed = new WebSocketMarketFeed(new OkHttpClient.Builder().readTimeout(Duration.ZERO).build(), fake.wsUrl(),
                new HyperliquidWebSocket.Settings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(200),
                        Duration.ofSeconds(2)), new RestMarketFeed(transport), clock, WebSocketMarketFeed.Settings.DEFAULTS);
        PaperRunner runner = new PaperRunner(store, d, plan, feed, StopControl.besideDatabase(db), clock, Thread::sleep,
                new PrintWriter(new StringWriter(), true));
        long sessionMs = LIVE * 4 * STEP_MS + 8_000;
        Future<RunnerBase.Outcome> running = thread.submit(() -> runner.run(new RunnerBase.Settings(1_000, 0, sessionMs)));

        // the runner is trading (warm-up done, the socket pushing, the first mid acted on) before the market moves
        long deadline = System.currentTimeMillis() + 30_000;
        while (!feed.pushing() || runner.midsActedOn() == 0 || runner.midsActedOn() < feed.midsVersion()) {
            assertThat(System.currentTimeMillis()).as("the paper runner started trading").isLessThan(deadline);
            if (running.isDone()) {
                running.get();
            }
            Thread.sleep(5);
        }
        long replayStart = clock.getAsLong();
        List<Point> points = new ArrayList<>();
        points.add(new Point(replayStart, rows.get(WARM)[0]));
        for (int k = WARM; k < WARM + LIVE; k++) {
            double[] r = rows.get(k);
            boolean lowFirst = r[3] <= r[0];
            for (double px : new double[]{r[0], lowFirst ? r[2] : r[1], lowFirst ? r[1] : r[2], r[3]}) {
                points.add(new Point(clock.getAsLong(), px));
                fake.setMid("BTC", LiveFixtures.Script.px(px));
                Thread.sleep(STEP_MS); // the market's pace, not a wait for a result
            }
        }
        RunnerBase.Outcome o = running.get(60, TimeUnit.SECONDS);
        assertThat(o.endReason()).isEqualTo("bounded");

        List<LiveStore.Entry> journal = store.journal(d.id());
        if (System.getProperty("paper.dump") != null) {
            journal.forEach(e -> System.out.println("J " + e.wallMs() + " " + e.eventMs() + " " + e.kind() + " " + e.coin() + " " + e.size() + " " + e.price() + " " + e.detail()));
            System.out.println("replayStart " + replayStart);
        }
        List<LiveStore.Entry> decisions = journal.stream()
                .filter(e -> e.kind().equals("decision") && e.wallMs() >= replayStart).toList();
        assertThat(decisions).as("the real candles make the strategy act").hasSizeGreaterThanOrEqualTo(2);
        List<Long> latencies = new ArrayList<>();
        for (LiveStore.Entry e : decisions) {
            // the price point that caused it: the last time the test set that price before the decision was journaled
            Point cause = null;
            for (Point p : points) {
                if (p.timeMs() <= e.wallMs() && Math.abs(p.price() - e.price()) < 1e-6) {
                    cause = p;
                }
            }
            assertThat(cause).as("decision " + e.detail() + " at " + e.price() + " was made at a live price").isNotNull();
            latencies.add(e.wallMs() - cause.timeMs());
        }
        System.out.println("paper: price point to journaled decision, ms: " + latencies);
        assertThat(latencies).allSatisfy(ms -> assertThat(ms).isBetween(0L, 1_000L));

        List<LiveStore.FillRow> fills = store.fills(d.id()).stream().filter(f -> f.timeMs() >= replayStart).toList();
        assertThat(fills).as("orders decided on live prices filled").isNotEmpty();
        List<LiveStore.Point> seen = store.points(d.id()); // the live mids as the runner received them (a push lags its set)
        for (LiveStore.FillRow f : fills) {
            double mid = Double.NaN;
            for (LiveStore.Point p : seen) {
                if (p.timeMs() <= f.timeMs()) {
                    mid = p.price(); // the live price known when the order reached the simulated venue
                }
            }
            double m = mid;
            assertThat(points).as("the runner's mid " + m + " is one the exchange pushed").anyMatch(p -> p.price() == m);
            // a taker pays the live book's half spread (not the profile's 1 bp) on top of the live price
            double signed = ("BUY".equals(f.side()) ? 1 : -1) * (f.price() / mid - 1);
            assertThat(signed).as(f.side() + " fill " + f.fillKey() + " at " + f.price() + " vs the live mid " + mid)
                    .isPositive().isCloseTo(HALF_SPREAD, within(0.004));
        }
        assertThat(journal).filteredOn(e -> e.kind().equals("order") && e.wallMs() >= replayStart)
                .as("orders are journaled at the wall time of their decision")
                .allSatisfy(e -> assertThat(e.wallMs() - e.eventMs()).isBetween(0L, 1_000L));

        // parity replays the recorded live stream (points with their quotes, bars as recorded, the settlement)
        // through the same kernel and simulator: the same decisions at the same times, the same fills
        Parity.StreamReport stream = Parity.compareStream(store, d, plan);
        System.out.println("paper: stream replay of " + stream.points() + " points: " + stream.report().differences());
        assertThat(stream.points()).as("every point acted on was recorded").isGreaterThanOrEqualTo(LIVE * 4 / 2);
        assertThat(stream.settlements()).isEqualTo(1);
        assertThat(stream.report().replayedOrders()).isEqualTo(stream.report().journaledOrders());
        assertThat(stream.report().differences()).as("the stream replay vs the journal, order by order and fill by fill").isEmpty();

        List<LiveStore.Entry> funding = journal.stream().filter(e -> e.kind().equals("funding")).toList();
        assertThat(funding).as("one settlement: the hour passed once").singleElement().satisfies(e -> {
            assertThat(e.eventMs()).as("settled at the hour of the runner's clock").isEqualTo(edge);
            assertThat(e.size()).as("the live rate (the fake's asset context)").isEqualTo(0.0000125);
            assertThat(e.detail()).startsWith("paid ");
        });
    }

    /** open, high, low, close, volume (USD volume converted to coins) of the window of 80 bars from row 31,030, warm-up first. */
    static List<double[]> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        int first = 31_030 + 1 - WARM; // + 1: the header
        List<double[]> out = new ArrayList<>();
        for (int i = first; i < first + WARM + LIVE; i++) {
            String[] c = lines.get(i).split(",");
            double close = Double.parseDouble(c[4]);
            out.add(new double[]{Double.parseDouble(c[1]), Double.parseDouble(c[2]), Double.parseDouble(c[3]), close,
                    Double.parseDouble(c[5]) / close});
        }
        return out;
    }
}
