package io.hypertrader.live.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.control.DeadManSwitch;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.ExchangeOrder;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.OkHttpTransport;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.sign.Cloid;
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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-man switch of a testnet runner against the fake exchange, on a fake clock shared by runner and exchange. */
class DeadManSwitchTest {

    static final SigningKey KEY = SigningKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    static final String ACCOUNT = KEY.address();
    static final Coin BTC = Coin.of("BTC");

    @TempDir
    Path dir;
    FakeHyperliquid fake;
    AtomicLong clock;
    LiveStore store;
    StopControl stops;
    OkHttpTransport transport;
    TradingPlan plan;

    @BeforeEach
    void start() throws Exception {
        clock = new AtomicLong(System.currentTimeMillis());
        fake = FakeHyperliquid.start(Network.TESTNET, clock::get);
        fake.addAccount(ACCOUNT, 10_000);
        new LiveFixtures.Script(fake, 5).add("BTC", LiveFixtures.candles(7, 200, clock.get(), 30_000));
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).retryOnConnectionFailure(false).build();
        transport = new OkHttpTransport(http, fake.baseUrl());
        Path db = dir.resolve("live.duckdb");
        store = new LiveStore(DbAccess.file(db));
        stops = StopControl.besideDatabase(db);
        plan = LiveFixtures.plan(BTC, Interval.M1, "dd12cd34ef56" + "0".repeat(52));
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    LiveStore.Deployment deploy() {
        String id = store.newDeploymentId(LiveStore.Stage.TESTNET, plan.hash());
        LiveStore.Deployment d = new LiveStore.Deployment(id, LiveStore.Stage.TESTNET, plan.hash(), "test", null, plan.json(), ACCOUNT,
                "created", clock.get(), null, "test", 42L, plan.initialEquity(), null, null, null, null, null);
        store.insert(d);
        return d;
    }

    HyperliquidExchangeClient client() throws Exception {
        TradingInfoClient info = new TradingInfoClient(transport);
        return new HyperliquidExchangeClient(transport, new HyperliquidSigner(KEY, Network.TESTNET), NonceSource.shared(
                NonceSource.fileIn(dir), KEY.address(), clock::get), info, info.meta(), ACCOUNT, null,
                HyperliquidExchangeClient.Settings.DEFAULTS, clock::get, ms -> { });
    }

    List<JsonNode> scheduleCancels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode b : fake.exchangeBodies()) {
            if (b.path("action").path("type").asText().equals("scheduleCancel")) {
                out.add(b.path("action"));
            }
        }
        return out;
    }


    @Test
    void aHungRunnerGetsItsOrdersCancelledByTheExchangeAndACleanStopLeavesNoSchedule() throws Exception {
        LiveStore.Deployment d = deploy();
        AtomicBoolean hang = new AtomicBoolean();
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LiveRunner runner = new LiveRunner(store, d, plan, new RestMarketFeed(transport), stops, clock::get, ms -> {
            clock.addAndGet(ms); // one loop = ten seconds of the fake clock
            if (hang.get()) {
                hanging.countDown();
                release.await(); // a runner stuck in a call that never returns
            }
        }, new PrintWriter(new StringWriter(), true), client()).deadManWindow(60_000);
        AtomicReference<RunnerBase.Outcome> outcome = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(runner.run(new RunnerBase.Settings(10_000, 0, 0)));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        Await.until("armed", () -> fake.scheduledCancel(ACCOUNT) != null, Duration.ofSeconds(20));
        long firstAt = fake.scheduledCancel(ACCOUNT);
        assertThat(firstAt - clock.get()).isBetween(5_000L, 60_000L);
        // a resting order (far below the market) that only the switch can cancel
        client().place(ExchangeOrder.limit("BTC", true, new BigDecimal("1000"), new BigDecimal("0.02"), ExchangeOrder.Tif.GTC,
                Cloid.derive("manual", 1)));
        // while it loops, the runner pushes the schedule forward (every half window), never letting it fire
        Await.until("refreshed twice", () -> scheduleCancels().size() >= 3, Duration.ofSeconds(20));
        assertThat(fake.scheduledCancel(ACCOUNT)).isGreaterThan(firstAt);
        assertThat(fake.orders(ACCOUNT).stream().filter(o -> "manual".equals(o.cloid) || o.cloid != null
                && o.cloid.equals(Cloid.derive("manual", 1).hex())).findFirst().orElseThrow().status).isEqualTo("open");

        hang.set(true);
        assertThat(hanging.await(20, TimeUnit.SECONDS)).isTrue();
        long due = fake.scheduledCancel(ACCOUNT);
        clock.set(due + 1);
        new TradingInfoClient(transport).allMids(); // any request lets the exchange's clock act
        FakeHyperliquid.FakeOrder manual = fake.orders(ACCOUNT).stream()
                .filter(o -> Cloid.derive("manual", 1).hex().equals(o.cloid)).findFirst().orElseThrow();
        assertThat(manual.status).isEqualTo("scheduledCancel");
        assertThat(fake.orders(ACCOUNT).stream().filter(FakeHyperliquid.FakeOrder::isOpen)).isEmpty();
        assertThat(fake.scheduledCancel(ACCOUNT)).as("fired schedules are consumed").isNull();

        // the runner wakes up, notices the trigger, re-arms; then a clean stop clears the schedule
        hang.set(false);
        release.countDown();
        Await.until("re-armed", () -> fake.scheduledCancel(ACCOUNT) != null, Duration.ofSeconds(20));
        stops.request(d.id(), false, clock.get());
        t.join(20_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(outcome.get().endReason()).isEqualTo("stopped");
        assertThat(fake.scheduledCancel(ACCOUNT)).as("a clean stop leaves no schedule").isNull();
        List<JsonNode> sc = scheduleCancels();
        assertThat(sc.get(sc.size() - 1).has("time")).isFalse();
        for (JsonNode a : sc.subList(0, sc.size() - 1)) {
            assertThat(a.has("time")).isTrue();
        }
        List<String> notes = store.journal(d.id()).stream().filter(e -> e.kind().equals("deadman")).map(LiveStore.Entry::detail).toList();
        assertThat(notes.get(0)).startsWith("armed:");
        assertThat(notes).anyMatch(n -> n.startsWith("fired:") && n.contains("trigger 1 of 10 today"));
        assertThat(notes.get(notes.size() - 1)).isEqualTo("cleared on a clean stop");
        assertThat(fake.exchangeErrors()).isEmpty();
    }

    @Test
    void aBoundedRunEndsWithTheScheduleClearedAndTheDailyLimitIsRespected() throws Exception {
        LiveStore.Deployment d = deploy();
        LiveRunner runner = new LiveRunner(store, d, plan, new RestMarketFeed(transport), stops, clock::get, clock::addAndGet,
                new PrintWriter(new StringWriter(), true), client()).deadManWindow(20_000);
        RunnerBase.Outcome o = runner.run(new RunnerBase.Settings(5_000, 0, 45_000));
        assertThat(o.endReason()).isEqualTo("bounded");
        assertThat(fake.scheduledCancel(ACCOUNT)).isNull();
        List<JsonNode> sc = scheduleCancels();
        // 45 s at one refresh per half window (10 s): armed once, refreshed four times, cleared once
        assertThat(sc).as(store.journal(d.id()).stream().filter(e -> e.kind().equals("deadman")).map(LiveStore.Entry::detail).toList().toString()).hasSize(1 + 4 + 1);
        assertThat(runner.deadMan().triggersToday()).isZero();

        // ten triggers journaled today: the switch is not armed again until 00:00 UTC, and says why
        List<String> reports = new ArrayList<>();
        DeadManSwitch exhausted = new DeadManSwitch(client(), clock::get, 20_000, 10, reports::add);
        int before = scheduleCancels().size();
        exhausted.maintain();
        exhausted.maintain();
        assertThat(scheduleCancels()).hasSize(before);
        assertThat(reports).containsExactly("not armed: 10 triggers today reach the exchange's daily limit of 10; "
                + "orders are unprotected until 00:00 UTC");
        clock.addAndGet(86_400_000L); // the next UTC day
        exhausted.maintain();
        assertThat(fake.scheduledCancel(ACCOUNT)).isEqualTo(clock.get() + 20_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.deadManWindow(5_000))
                .hasMessageContaining("at least 10000 ms");
    }
}
