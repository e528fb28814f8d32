package io.hypertrader.cli;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Interval;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.fake.FakeHyperliquid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's soak: a real testnet runner process is {@code kill -9}'d at seeded random moments, 50
 * times, while the market moves (a new 1m bar at each candle read, the mid following it) and the
 * exchange answers with faults (429, 502, orders processed then answered with 500, a timeout or a
 * dropped connection). After each kill the journal is compared with the exchange:
 * <ul>
 *   <li>every order at the exchange carries a client id this deployment journaled before sending
 *       (write-ahead), and no client id was placed twice;</li>
 *   <li>every journaled fill is an exchange fill, none twice;</li>
 *   <li>once the next run has reconciled, every fill the exchange had made at the kill is
 *       journaled (none lost), and the restart did not halt on a difference.</li>
 * </ul>
 * At the end, a clean run: the journal's fills are the exchange's fills and their sum is the
 * exchange's position. The figures go to the test's output.
 */
class RunnerKillSoakTest {
    static final int KILLS = Integer.getInteger("hypertrader.soak.kills", 50);

    @TempDir
    Path dir;
    RunnerProcessRig rig;

    ScheduledExecutorService market;

    @BeforeEach
    void setUp() throws Exception {
        rig = new RunnerProcessRig(dir);
        // A long seeded series: every candle read reveals one more closed bar, and the mid walks along
        // the closes on its own (one every 20 ms), whether a runner is up or not, as a market does.
        List<Candle> bars = LiveFixtures.candles(23, 20_000, System.currentTimeMillis(), 30_000, Interval.M1);
        new LiveFixtures.Script(rig.fake, 6).add("BTC", bars).midFromTest();
        AtomicInteger next = new AtomicInteger(6);
        market = Executors.newSingleThreadScheduledExecutor();
        market.scheduleAtFixedRate(() -> rig.fake.setMid("BTC", LiveFixtures.Script.px(bars.get(next.getAndIncrement() % bars.size())
                .close())), 20, 20, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        market.shutdownNow();
        rig.close();
    }

    @Test
    void fiftyKillsAtRandomMomentsUnderFaultsLoseAndDoubleNothing() throws Exception {
        // the hedge armed by small gains, so the strategy trades every few dozen bars (orders to kill around)
        String id = rig.deploy1m("minGainPct: 0.02", "minGainPct: 0.001", "minGainAtr: 2.0", "minGainAtr: 0.1");
        Random random = new Random(20261207L);
        FakeHyperliquid.Fault[] faults = FakeHyperliquid.Fault.values();
        int restarts = 0;
        int startUpKills = 0;
        int kills = 0;
        int lost = 0;
        int doubled = 0;
        List<String> problems = new ArrayList<>();
        for (int k = 0; k <= KILLS; k++) {
            String name = "run" + k;
            int reconciledBefore = reconciled(id);
            Process p = rig.start(name, "run", id, "--poll-ms", "50", "--duration", "600s", "--rest-feed");
            Set<Long> exchangeAtKill = k == 0 ? Set.of() : tids(rig.fake.fills(RunnerProcessRig.ACCOUNT));
            boolean inStartUp = k < KILLS && random.nextInt(4) == 0;
            if (inStartUp) {
                // a quarter of the kills land in start-up: JVM, lease, restore, reconciliation, warm-up
                Thread.sleep(random.nextInt(3_000));
                p.destroyForcibly();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills++;
                startUpKills++;
                doubled += checkAfterKill(id, k, problems);
                continue;
            }
            awaitReconciled(p, name, id, reconciledBefore);
            awaitTrading(p, name, id);
            if (k > 0) {
                restarts++;
                Set<Long> journaled = journaledTids(id);
                for (long t : exchangeAtKill) {
                    if (!journaled.contains(t)) {
                        lost++;
                        problems.add("kill " + k + ": exchange fill tid " + t + " not journaled after the restart");
                    }
                }
            }
            if (k == KILLS) {
                p.destroy(); // the last one stops cleanly (SIGTERM)
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                break;
            }
            // faults on the next requests of this run, then a kill anywhere in what follows
            for (int f = 0; f < 2; f++) {
                rig.fake.inject(random.nextBoolean() ? "/exchange" : "/info", faults[random.nextInt(faults.length)], 1);
            }
            Thread.sleep(random.nextInt(2_000));
            p.destroyForcibly(); // kill -9
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills++;
            doubled += checkAfterKill(id, k, problems);
        }
        // a last short run settles whatever the last one left, then the books must match exactly
        int before = reconciled(id);
        Process last = rig.start("final", "run", id, "--poll-ms", "50", "--duration", "3s", "--rest-feed");
        awaitReconciled(last, "final", id, before);
        assertThat(last.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(rig.err("final")).isZero();
        LiveStore store = rig.store();
        Set<Long> exchange = tids(rig.fake.fills(RunnerProcessRig.ACCOUNT));
        Set<Long> journal = journaledTids(id);
        double net = store.fills(id).stream().mapToDouble(f -> ("BUY".equals(f.side()) ? 1 : -1) * f.size()).sum();
        int orders = rig.fake.orders(RunnerProcessRig.ACCOUNT).size();
        List<LiveStore.Entry> journalLines = store.journal(id);
        long decisions = journalLines.stream().filter(e -> e.kind().equals("decision")).count();
        System.out.printf("soak: %d kill -9 (%d in start-up, %d while trading), %d live bars, %d decisions, %d orders and %d fills"
                        + " at the exchange, %d fills lost, %d doubled%n", kills, startUpKills, kills - startUpKills, store.candles(id, Interval.M1).getOrDefault(io.hypertrader.core.Coin.of("BTC"),
                        List.of()).size(), decisions, orders, exchange.size(), lost, doubled);
        journalLines.stream().filter(e -> e.kind().equals("decision") || e.kind().equals("restore")).limit(40)
                .forEach(e -> System.out.println("  " + e.kind() + " " + e.detail()));
        assertThat(problems).isEmpty();
        assertThat(kills).isEqualTo(KILLS);
        assertThat(restarts).as("restarts checked after reconciling").isGreaterThan(KILLS / 2);
        assertThat(exchange).as("the runs traded").isNotEmpty();
        assertThat(journal).isEqualTo(exchange);
        assertThat(store.fills(id)).hasSize(exchange.size());
        assertThat(rig.fake.position(RunnerProcessRig.ACCOUNT, "BTC").doubleValue())
                .isCloseTo(net, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** The invariants that hold at any moment, checked right after a kill; returns the doubles found. */
    private int checkAfterKill(String id, int k, List<String> problems) {
        LiveStore store = rig.store();
        Set<String> journaledCloids = new HashSet<>();
        store.orders(id).forEach(o -> journaledCloids.add(o.cloid()));
        Set<String> placed = new HashSet<>();
        int doubled = 0;
        for (FakeHyperliquid.FakeOrder o : rig.fake.orders(RunnerProcessRig.ACCOUNT)) {
            if (!placed.add(o.cloid)) {
                doubled++;
                problems.add("kill " + k + ": cloid " + o.cloid + " placed twice");
            }
            if (!journaledCloids.contains(o.cloid)) {
                problems.add("kill " + k + ": order " + o.oid + " (cloid " + o.cloid + ") at the exchange but not journaled");
            }
        }
        Set<Long> exchange = tids(rig.fake.fills(RunnerProcessRig.ACCOUNT));
        List<String> keys = store.fills(id).stream().map(LiveStore.FillRow::fillKey).toList();
        if (new HashSet<>(keys).size() != keys.size()) {
            doubled++;
            problems.add("kill " + k + ": a fill journaled twice");
        }
        for (long t : journaledTids(id)) {
            if (!exchange.contains(t)) {
                problems.add("kill " + k + ": journaled fill tid " + t + " the exchange never made");
            }
        }
        return doubled;
    }

    private static Set<Long> tids(List<FakeHyperliquid.FakeFill> fills) {
        Set<Long> out = new HashSet<>();
        fills.forEach(f -> out.add(f.tid()));
        return out;
    }

    private Set<Long> journaledTids(String id) {
        Set<Long> out = new HashSet<>();
        for (LiveStore.FillRow f : rig.store().fills(id)) {
            if (f.fillKey().startsWith("t")) {
                out.add(Long.parseLong(f.fillKey().substring(1)));
            }
        }
        return out;
    }

    private int reconciled(String id) {
        return (int) rig.store().journal(id).stream().filter(e -> e.kind().equals("reconcile") && e.coin() == null).count();
    }

    /** Waits until the run's loop has written its first heartbeat: it is trading. */
    private void awaitTrading(Process p, String name, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (rig.store().runs(id).stream().noneMatch(r -> r.pid() == p.pid() && r.heartbeatMs() > r.startedMs())) {
            assertThat(p.isAlive()).as("%s is running (stderr: %s)", name, rig.err(name)).isTrue();
            assertThat(System.currentTimeMillis()).as(name + " trading in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Waits until the run has reconciled with the exchange (or fails naming why it ended). */
    private void awaitReconciled(Process p, String name, String id, int before) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (reconciled(id) <= before) {
            assertThat(p.isAlive()).as("%s is running (exit %s, stderr: %s)", name, p.isAlive() ? "-" : p.exitValue(), rig.err(name))
                    .isTrue();
            assertThat(System.currentTimeMillis()).as(name + " reconciled in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
