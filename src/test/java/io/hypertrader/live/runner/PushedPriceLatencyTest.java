package io.hypertrader.live.runner;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.OkHttpTransport;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.feed.WebSocketMarketFeed;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import io.hypertrader.live.sign.SigningKey;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.testsupport.Await;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: live acts on every pushed price. A testnet runner with the WebSocket feed against the
 * fake exchange: the test moves the exchange's mid (which the fake pushes as {@code allMids}) to a
 * price that makes the strategy trade, and measures from that moment to the order's arrival at the
 * exchange. With the socket healthy every order arrives within 500 ms although the runner polls
 * every 2 s; with the socket silent (stale, REST fallback) within one poll.
 */
class PushedPriceLatencyTest {
    static final SigningKey KEY = SigningKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    static final String ACCOUNT = KEY.address();
    static final long POLL_MS = 2_000;

    @TempDir
    Path dir;
    FakeHyperliquid fake;
    LiveStore store;
    LiveStore.Deployment d;
    LiveRunner runner;
    WebSocketMarketFeed feed;
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<RunnerBase.Outcome> running;

    @BeforeEach
    void start() throws Exception {
        fake = FakeHyperliquid.start(Network.TESTNET);
        fake.addAccount(ACCOUNT, 10_000);
        new LiveFixtures.Script(fake, 6).add("BTC", LiveFixtures.candles(7, 6, System.currentTimeMillis(), 30_000)).midFromTest();
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).retryOnConnectionFailure(false).build();
        OkHttpTransport transport = new OkHttpTransport(http, fake.baseUrl());
        Path db = dir.resolve("live.duckdb");
        store = new LiveStore(DbAccess.file(db));
        TradingPlan plan = LiveFixtures.plan(Coin.of("BTC"), Interval.M1, "ab12cd34ef56" + "0".repeat(52));
        d = new LiveStore.Deployment(store.newDeploymentId(LiveStore.Stage.TESTNET, plan.hash()), LiveStore.Stage.TESTNET, plan.hash(),
                "test", null, plan.json(), ACCOUNT, "created", System.currentTimeMillis(), null, "test", 42L, plan.initialEquity(),
                null, null, null, null, null);
        store.insert(d);
        // pongs every second, stale after 2 s of silence: the fallback is seen quickly
        HyperliquidWebSocket.Settings ws = new HyperliquidWebSocket.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofSeconds(2));
        feed = new WebSocketMarketFeed(new OkHttpClient.Builder().readTimeout(Duration.ZERO).build(), fake.wsUrl(), ws,
                new RestMarketFeed(transport), System::currentTimeMillis, WebSocketMarketFeed.Settings.DEFAULTS);
        TradingInfoClient info = new TradingInfoClient(transport);
        HyperliquidExchangeClient client = new HyperliquidExchangeClient(transport, new HyperliquidSigner(KEY, Network.TESTNET),
                NonceSource.systemClock(), info, info.meta(), ACCOUNT, null, HyperliquidExchangeClient.Settings.DEFAULTS,
                System::currentTimeMillis, ms -> { });
        runner = new LiveRunner(store, d, plan, feed, StopControl.besideDatabase(db), System::currentTimeMillis, Thread::sleep,
                new PrintWriter(new StringWriter(), true), client);
        running = thread.submit(() -> runner.run(new RunnerBase.Settings(POLL_MS, 0, 120_000)));
    }

    @AfterEach
    void stop() throws Exception {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
        feed.close();
        fake.close();
    }

    @Test
    void withTheSocketHealthyEveryOrderReachesTheExchangeWithin500msOfItsPriceAndWithinOnePollWithoutIt() throws Exception {
        // The runner holds the database while it works, so this test watches the exchange, not the journal.
        awaitOrders(1); // the entry: FULL
        double e = fake.fills(ACCOUNT).getLast().px().doubleValue();
        List<Long> latencies = new ArrayList<>();
        double level = e;
        for (int cycle = 0; cycle < 4; cycle++) {
            // up 3 % (armed: G = 3 % of E), seen by the strategy; then between L(hedge) and L(scale):
            // one hedge order; then back above the peak: the hedge is lifted, one order, FULL again
            double high = Math.round(level * 1.03);
            setMidAndWaitUntilActedOn(high);
            latencies.add(orderLatency(Math.round(high - 0.3 * (high - level)), true));
            latencies.add(orderLatency(high + 1, true));
            level = fake.fills(ACCOUNT).getLast().px().doubleValue();
        }
        System.out.println("pushed price to order at the exchange, ms: " + latencies + "; runner's push-to-signed-order ms: "
                + runner.pushToOrderMs());
        assertThat(latencies).hasSize(8).allSatisfy(ms -> assertThat(ms).isLessThan(500L));
        // most are decided on the push itself; a push that lands while the poll runs is read by the poll
        assertThat(runner.pushToOrderMs()).as("decided on a push").hasSizeGreaterThanOrEqualTo(4);

        // the socket goes silent: after 2 s it is stale, prices come from REST at each poll
        fake.setWebSocketSilent(true);
        Await.until("the feed noticed the silence", () -> !feed.pushing());
        double high = Math.round(level * 1.03);
        int orders = fake.orders(ACCOUNT).size();
        int calls = feed.restMidCalls();
        fake.setMid("BTC", LiveFixtures.Script.px(high));
        // a read that began after the move: the runner knows the high
        Await.until("the runner polls the mids over REST", () -> feed.restMidCalls() >= calls + 2);
        assertThat(fake.orders(ACCOUNT)).as("a new high alone trades nothing").hasSize(orders);
        long ms = orderLatency(Math.round(high - 0.3 * (high - level)), false);
        assertThat(ms).as("within one poll (plus the order's own time)").isLessThan(POLL_MS + 1_000);
        assertThat(running.isDone()).as("the runner is still running").isFalse();
    }

    /** Sets the mid and returns the time until the next new order arrives at the exchange, ms. */
    private long orderLatency(double px, boolean pushed) throws Exception {
        int before = fake.orders(ACCOUNT).size();
        long t0 = System.currentTimeMillis();
        fake.setMid("BTC", LiveFixtures.Script.px(px));
        awaitOrders(before + 1);
        long arrived = fake.orders(ACCOUNT).get(before).timestamp;
        awaitFilled(before, pushed);
        return arrived - t0;
    }

    /** Sets the mid and waits until the runner has acted on the push that carried it. */
    private void setMidAndWaitUntilActedOn(double px) throws Exception {
        long v0 = feed.midsVersion();
        fake.setMid("BTC", LiveFixtures.Script.px(px));
        long deadline = System.currentTimeMillis() + 10_000;
        while (feed.midsVersion() == v0 || runner.midsActedOn() < feed.midsVersion()) {
            assertThat(System.currentTimeMillis()).as("the push of " + px + " acted on (pushing " + feed.pushing() + ", version " + feed.midsVersion() + " from " + v0 + ", acted on " + runner.midsActedOn() + ", source " + feed.source() + ")").isLessThan(deadline);
            assertThat(running.isDone()).as("the runner is running").isFalse();
            Thread.sleep(1);
        }
    }

    private void awaitOrders(int n) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (fake.orders(ACCOUNT).size() < n) {
            if (running.isDone()) {
                running.get(); // the runner's exception, if any
            }
            assertThat(System.currentTimeMillis()).as(n + " orders at the exchange").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /** The order's fill is back at the runner: its next decision starts from a settled position. */
    private void awaitFilled(int index, boolean pushed) throws Exception {
        Await.until("order filled", () -> "filled".equals(fake.orders(ACCOUNT).get(index).status));
        if (pushed) {
            setMidAndWaitUntilActedOn(Double.parseDouble(LiveFixtures.Script.px(fake.fills(ACCOUNT).getLast().px().doubleValue())));
        }
    }
}
