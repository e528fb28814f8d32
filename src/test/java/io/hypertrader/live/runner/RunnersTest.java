package io.hypertrader.live.runner;

import io.hypertrader.core.Interval;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.control.StopExecutor;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.OrderResult;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.venue.OrderJournal;
import io.hypertrader.testsupport.Await;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paper and testnet sessions end to end against the fake exchange, restart after a crash, and the stop. */
class RunnersTest extends RunnerTestBase {

    static final RunnerBase.Settings FAST = new RunnerBase.Settings(0, 40, 0);

    LiveFixtures.Script script;

    @BeforeEach
    void start() throws Exception {
        start(0);
    }

    /** The fake exchange with its clock {@code exchangeLagMs} behind this machine's. */
    void start(long exchangeLagMs) throws Exception {
        startExchange(exchangeLagMs);
        script = new LiveFixtures.Script(fake, 5).add("BTC", LiveFixtures.candles(7, 200, System.currentTimeMillis(), 30_000));
        plan = LiveFixtures.plan(BTC, Interval.M1, "ab12cd34ef56" + "0".repeat(52));
    }

    /** A testnet runner with fills and order updates on a WebSocket as well as by REST (as `run` has it). */
    LiveRunner liveRunner(LiveStore.Deployment d) throws Exception {
        OkHttpClient ws = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
        return new LiveRunner(store, d, plan, new RestMarketFeed(transport), stops, System::currentTimeMillis, ms -> { },
                new PrintWriter(out, true), client()).userStream(l -> new HyperliquidWebSocket(ws, fake.wsUrl(),
                HyperliquidWebSocket.Settings.DEFAULTS, l, System::currentTimeMillis));
    }

    @Test
    void paperSessionJournalsDecisionsOrdersAndFillsAndARestartKeepsItsBookAndState() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.PAPER);
        PaperRunner r = new PaperRunner(store, d, plan, new RestMarketFeed(transport), stops, System::currentTimeMillis, ms -> { },
                new PrintWriter(out, true));
        RunnerBase.Outcome o = r.run(FAST);
        assertThat(o.endReason()).isEqualTo("bounded");
        assertThat(o.liveBars()).isEqualTo(40);
        assertThat(o.discrepancies()).isEmpty();
        assertThat(store.orders(d.id())).isNotEmpty();
        assertThat(store.fills(d.id())).isNotEmpty();
        List<String> kinds = store.journal(d.id()).stream().map(LiveStore.Entry::kind).distinct().toList();
        assertThat(kinds).contains("start", "warmup", "decision", "order", "fill", "snapshot", "end");
        assertThat(store.candles(d.id(), Interval.M1).get(BTC)).hasSize(5 + 40);
        // a second session resumes: nothing journaled twice
        int fillsBefore = store.fills(d.id()).size();
        RunnerBase.Outcome o2 = new PaperRunner(store, store.deployment(d.id()).orElseThrow(), plan, new RestMarketFeed(transport), stops,
                System::currentTimeMillis, ms -> { }, new PrintWriter(out, true)).run(new RunnerBase.Settings(0, 5, 0));
        assertThat(o2.discrepancies()).isEmpty();
        assertThat(store.fills(d.id()).size()).isGreaterThanOrEqualTo(fillsBefore);
        assertThat(store.runs(d.id())).hasSize(2);
        // the second run restored the journaled strategy state, as a live restart does, and kept the paper book:
        // the restart rule compared it with the position rebuilt from the journaled fills
        String saved = io.hypertrader.strategy.StrategyState.parse(store.latest(d.id(), "state", "BTC").orElseThrow().detail()).name();
        assertThat(store.journal(d.id())).filteredOn(e -> e.kind().equals("restore")).singleElement()
                .satisfies(e -> assertThat(e.detail()).matches("[A-Z]+ BTC bull .*"));
        assertThat(store.journal(d.id())).filteredOn(e -> e.kind().equals("reconcile"))
                .anySatisfy(e -> assertThat(e.detail()).startsWith("restart rule "));
        assertThat(saved).isNotBlank();
    }

    @Test
    void testnetSessionPlacesEveryJournaledOrderExactlyOnce() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        LiveRunner runner = liveRunner(d);
        List<String> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        runner.events((RunnerEvents) java.lang.reflect.Proxy.newProxyInstance(RunnerEvents.class.getClassLoader(),
                new Class<?>[]{RunnerEvents.class}, (proxy, method, args) -> {
                    if (method.getName().equals("socket")) {
                        sockets.add(args[0] + (Boolean.TRUE.equals(args[1]) ? " up" : " down"));
                    }
                    return null;
                }));
        RunnerBase.Outcome o = runner.run(FAST);
        assertThat(o.endReason()).isEqualTo("bounded");
        // operations hear the user socket as they hear the market socket (its outage alert and uptime)
        assertThat(sockets).contains("user up").doesNotContain("market up"); // REST feed: no market socket
        List<LiveStore.OrderRow> rows = store.orders(d.id());
        assertThat(rows).isNotEmpty();
        List<FakeHyperliquid.FakeOrder> placed = fake.orders(ACCOUNT);
        Set<String> cloids = new HashSet<>();
        placed.forEach(p -> assertThat(cloids.add(p.cloid)).as("cloid " + p.cloid + " placed once").isTrue());
        long sent = rows.stream().filter(r -> r.oid() != null).count();
        assertThat(placed).hasSize((int) sent);
        for (LiveStore.OrderRow r : rows) {
            if (r.oid() != null) {
                assertThat(cloids).contains(r.cloid());
            }
        }
        // journal fills = exchange fills (each once, though most arrived both by WebSocket and by REST), position = sum of fills
        assertThat(store.journal(d.id())).anyMatch(e -> e.kind().equals("ws") && e.detail().startsWith("user websocket connected"));
        assertThat(store.fills(d.id())).hasSize(fake.fills(ACCOUNT).size());
        assertThat(store.fills(d.id()).stream().map(LiveStore.FillRow::fillKey)).doesNotHaveDuplicates();
        double net = store.fills(d.id()).stream().mapToDouble(f -> ("BUY".equals(f.side()) ? 1 : -1) * f.size()).sum();
        assertThat(fake.position(ACCOUNT, "BTC").doubleValue()).isCloseTo(net, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.discrepancies()).isEmpty();
    }

    @Test
    void aFillStampedByAnExchangeClockBehindOursIsStillBooked() throws Exception {
        // The one missing fill of issue 10: a fresh deployment's fill cursor starts at the run's
        // start by this machine's clock, the exchange stamps fills by its own. With the exchange
        // a minute behind, every fill of the first minute fell before the cursor on both paths.
        stopExchange();
        start(60_000);
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        RunnerBase.Outcome o = liveRunner(d).run(FAST);
        assertThat(fake.fills(ACCOUNT)).as("the run traded").isNotEmpty();
        assertThat(store.fills(d.id())).as("every exchange fill journaled once").hasSize(fake.fills(ACCOUNT).size());
        double net = store.fills(d.id()).stream().mapToDouble(f -> ("BUY".equals(f.side()) ? 1 : -1) * f.size()).sum();
        assertThat(fake.position(ACCOUNT, "BTC").doubleValue()).isCloseTo(net, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.discrepancies()).isEmpty();
    }

    @Test
    void aRestartRestoresTheJournaledStrategyAndSendsNothingWhenTheExchangeAgrees() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        liveRunner(d).run(FAST);
        LiveStore.Entry saved = store.latest(d.id(), "state", "BTC").orElseThrow();
        String state = io.hypertrader.strategy.StrategyState.parse(saved.detail()).name();
        assertThat(state).as("the first run left a position to keep").isNotEqualTo("FLAT");
        BigDecimal held = fake.position(ACCOUNT, "BTC");
        int placed = fake.orders(ACCOUNT).size();

        // the next run: no new bar, so nothing the strategy would act on; it must not re-enter
        script.hold();
        liveRunner(store.deployment(d.id()).orElseThrow()).run(new RunnerBase.Settings(0, 0, 1_500));
        List<LiveStore.Entry> restore = store.journal(d.id()).stream().filter(e -> e.kind().equals("restore")).toList();
        assertThat(restore).singleElement().satisfies(e -> assertThat(e.detail()).startsWith(state + " BTC"));
        assertThat(store.journal(d.id())).anyMatch(e -> e.kind().equals("reconcile") && e.detail().startsWith("restart rule RESUME"));
        assertThat(fake.orders(ACCOUNT)).as("no order after the restart").hasSize(placed);
        assertThat(fake.position(ACCOUNT, "BTC")).isEqualByComparingTo(held);
    }

    @Test
    void aManualTradeWhileDownHaltsTheRestartWithExit5NamingTheDifference() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        liveRunner(d).run(FAST);
        BigDecimal held = fake.position(ACCOUNT, "BTC");
        assertThat(held.signum()).as("the first run holds a position").isNotZero();
        // someone sells 0.01 BTC on the exchange's website while the runner is down
        BigDecimal px = new BigDecimal(LiveFixtures.Script.px(fake.fills(ACCOUNT).getLast().px().doubleValue() * 0.9))
                .setScale(0, java.math.RoundingMode.DOWN);
        OrderResult manual = client().place(io.hypertrader.live.exchange.ExchangeOrder.limit("BTC", false, px, new BigDecimal("0.01"),
                io.hypertrader.live.exchange.ExchangeOrder.Tif.IOC, null));
        assertThat(manual.kind()).isEqualTo(OrderResult.Kind.FILLED);
        int placed = fake.orders(ACCOUNT).size();

        script.hold();
        LiveRunner again = liveRunner(store.deployment(d.id()).orElseThrow());
        assertThatThrownBy(() -> again.run(new RunnerBase.Settings(0, 0, 1_500)))
                .isInstanceOfSatisfying(io.hypertrader.core.UserError.class, e -> {
                    assertThat(e.kind().exitCode()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("differ by -0.01 BTC").contains("nothing was sent");
                });
        assertThat(fake.orders(ACCOUNT)).as("nothing sent").hasSize(placed);
        assertThat(store.journal(d.id())).anyMatch(e -> e.kind().equals("reconcile") && e.detail().startsWith("restart rule HALT"));
    }

    /** Simulates a process killed after the order left (intent journaled, answer never journaled). */
    static final class KillAfterSend implements OrderJournal {
        final OrderJournal inner;
        final boolean beforeSend;
        final AtomicBoolean armed = new AtomicBoolean(true);

        KillAfterSend(OrderJournal inner, boolean beforeSend) {
            this.inner = inner;
            this.beforeSend = beforeSend;
        }

        @Override
        public void intent(long id, Cloid cloid, OrderRequest request, long timeMs, double ref) {
            inner.intent(id, cloid, request, timeMs, ref);
            if (beforeSend && armed.getAndSet(false)) {
                throw new IllegalStateException("killed before sending");
            }
        }

        @Override
        public void answer(long id, Cloid cloid, String outcome, Long oid, String detail, long timeMs) {
            if (!beforeSend && armed.getAndSet(false)) {
                throw new IllegalStateException("killed after sending");
            }
            inner.answer(id, cloid, outcome, oid, detail, timeMs);
        }

        @Override
        public void event(OrderEvent event, String fillKey) {
            inner.event(event, fillKey);
        }

        @Override
        public void note(String kind, String coin, String detail, long timeMs) {
            inner.note(kind, coin, detail, timeMs);
        }
    }

    @Test
    void runnerKilledBetweenSendingAndTheAnswerRestartsWithNothingLostOrDoubled() throws Exception {
        for (boolean beforeSend : new boolean[]{false, true}) {
            LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
            LiveRunner first = liveRunner(d);
            first.journalWrapper = j -> new KillAfterSend(j, beforeSend);
            assertThatThrownBy(() -> first.run(FAST)).hasMessageContaining("killed");
            List<LiveStore.OrderRow> pending = store.orders(d.id()).stream().filter(r -> r.status().equals("PENDING")).toList();
            assertThat(pending).as("the crashed order is journaled, its answer is not").hasSize(1);
            String cloid = pending.get(0).cloid();
            long onExchange = fake.orders(ACCOUNT).stream().filter(o -> cloid.equals(o.cloid)).count();
            assertThat(onExchange).isEqualTo(beforeSend ? 0 : 1);

            RunnerBase.Outcome o = liveRunner(store.deployment(d.id()).orElseThrow()).run(new RunnerBase.Settings(0, 10, 0));
            LiveStore.OrderRow settled = store.orders(d.id()).stream().filter(r -> cloid.equals(r.cloid())).findFirst().orElseThrow();
            assertThat(settled.status()).isEqualTo(beforeSend ? "REJECTED" : "FILLED");
            assertThat(fake.orders(ACCOUNT).stream().filter(x -> cloid.equals(x.cloid)).count()).as("never doubled").isEqualTo(onExchange);
            Set<String> cloids = new HashSet<>();
            fake.orders(ACCOUNT).forEach(p -> assertThat(cloids.add(p.cloid)).isTrue());
            double net = store.fills(d.id()).stream().mapToDouble(f -> ("BUY".equals(f.side()) ? 1 : -1) * f.size()).sum();
            double other = 0;
            // every exchange fill of this deployment's cloids is journaled exactly once
            Set<String> ours = new HashSet<>();
            store.orders(d.id()).forEach(r -> ours.add(r.cloid()));
            long exchangeFills = fake.fills(ACCOUNT).stream().filter(f -> ours.contains(f.cloid())).count();
            assertThat(store.fills(d.id()).stream().filter(f -> f.fillKey().startsWith("t")).count()).isEqualTo(exchangeFills);
            assertThat(o.endReason()).isEqualTo("bounded");
            // flatten for the next round on the same account
            StopExecutor.stop(client(), Set.of("BTC"), d.id(), true, System::currentTimeMillis);
            assertThat(fake.position(ACCOUNT, "BTC")).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(net + other).isNotNaN();
        }
    }

    @Test
    void aRunnerKilledAfterJournalingAFillItsStrategyHadNotSeenRestartsWithThatFill() throws Exception {
        // The venue journals each event before the strategy hears of it. Killed in between, the
        // journaled state still waits on the order: the restart hands it the journaled fill.
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        LiveRunner first = liveRunner(d);
        first.journalWrapper = j -> new KillAfterFill(j);
        assertThatThrownBy(() -> first.run(FAST)).hasMessageContaining("killed after journaling a fill");
        io.hypertrader.strategy.StrategyState before = io.hypertrader.strategy.StrategyState.parse(
                store.latest(d.id(), "state", "BTC").orElseThrow().detail());
        assertThat(before.getLong("order")).as("the saved state waits on its entry").isNotNegative();
        BigDecimal held = fake.position(ACCOUNT, "BTC");
        assertThat(held.signum()).isPositive();
        int placed = fake.orders(ACCOUNT).size();

        script.hold();
        liveRunner(store.deployment(d.id()).orElseThrow()).run(new RunnerBase.Settings(0, 0, 1_500));
        assertThat(store.journal(d.id())).anyMatch(e -> e.kind().equals("reconcile") && e.detail().startsWith("the restored strategy is handed"));
        assertThat(store.journal(d.id())).anyMatch(e -> e.kind().equals("reconcile") && e.detail().startsWith("restart rule RESUME: FULL BTC"));
        assertThat(fake.orders(ACCOUNT)).as("no order after the restart").hasSize(placed);
        assertThat(fake.position(ACCOUNT, "BTC")).isEqualByComparingTo(held);
    }

    /** Simulates a process killed right after the venue journaled a fill, before the strategy heard of it. */
    static final class KillAfterFill implements OrderJournal {
        final OrderJournal inner;
        final AtomicBoolean armed = new AtomicBoolean(true);

        KillAfterFill(OrderJournal inner) {
            this.inner = inner;
        }

        @Override
        public void intent(long id, Cloid cloid, OrderRequest request, long timeMs, double ref) {
            inner.intent(id, cloid, request, timeMs, ref);
        }

        @Override
        public void answer(long id, Cloid cloid, String outcome, Long oid, String detail, long timeMs) {
            inner.answer(id, cloid, outcome, oid, detail, timeMs);
        }

        @Override
        public void event(OrderEvent event, String fillKey) {
            inner.event(event, fillKey);
            if (event instanceof OrderEvent.Filled && armed.getAndSet(false)) {
                throw new IllegalStateException("killed after journaling a fill");
            }
        }

        @Override
        public void note(String kind, String coin, String detail, long timeMs) {
            inner.note(kind, coin, detail, timeMs);
        }
    }

    @Test
    void stopFromAnotherThreadCancelsEverythingFlattensAndHaltsTheRunner() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        LiveRunner runner = liveRunner(d);
        AtomicReference<RunnerBase.Outcome> outcome = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(runner.run(new RunnerBase.Settings(20, 0, 0)));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        Await.until("the runner opened a position", () -> fake.position(ACCOUNT, "BTC").signum() != 0, Duration.ofSeconds(20));
        // a resting order the stop must cancel
        client().place(io.hypertrader.live.exchange.ExchangeOrder.limit("BTC", true, new BigDecimal("1000"), new BigDecimal("0.02"),
                io.hypertrader.live.exchange.ExchangeOrder.Tif.GTC, Cloid.derive("manual", 1)));
        stops.request(d.id(), true, System.currentTimeMillis());
        StopExecutor.Report rep = StopExecutor.stop(client(), Set.of("BTC"), d.id(), true, System::currentTimeMillis);
        t.join(20_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(outcome.get().endReason()).isEqualTo("stopped (flattened)");
        assertThat(fake.orders(ACCOUNT).stream().filter(FakeHyperliquid.FakeOrder::isOpen)).isEmpty();
        assertThat(fake.position(ACCOUNT, "BTC")).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(rep.remainingOrders()).isEmpty();
        assertThat(store.deployment(d.id()).orElseThrow().status()).isEqualTo("stopped");
    }
}
