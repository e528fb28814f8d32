package io.hypertrader.cli;

import io.hypertrader.core.Interval;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.strategy.StrategyState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's restart with real processes: a testnet runner is driven into HEDGED by the fake
 * exchange's mid, {@code kill -9}'d there, and started again. The new process restores HEDGED
 * from the journal ({@code restore HEDGED BTC ...}), finds the exchange agrees, and sends
 * nothing: the exchange position is what it was. Then the same with a DEEP short (issue 10's own
 * case). Before the restore, every restart journaled FLAT -> FULL and bought a full long back.
 */
class RestartProcessTest {

    @TempDir
    Path dir;
    RunnerProcessRig rig;

    @BeforeEach
    void setUp() throws Exception {
        rig = new RunnerProcessRig(dir);
        // six closed hourly bars, all there at once: the warm-up (5) is done at the first read and no
        // later bar arrives; the price is the test's alone
        new LiveFixtures.Script(rig.fake, 6).add("BTC", LiveFixtures.candles(11, 6, System.currentTimeMillis(), 60_000, Interval.H1))
                .midFromTest();
    }

    @AfterEach
    void tearDown() throws Exception {
        rig.close();
    }

    @Test
    void aRunnerKilledWhileHedgedRestartsWithThePositionAsItWas() throws Exception {
        String id = rig.deploy();
        Process first = rig.start("first", "run", id, "--poll-ms", "100", "--duration", "600s", "--rest-feed");
        StrategyState full = awaitState(first, id, s -> s.name().equals("FULL") && s.getLong("order") < 0);
        double e = full.getDouble("e");
        assertThat(rig.fake.position(RunnerProcessRig.ACCOUNT, "BTC").signum()).as("entered long").isPositive();

        // a 20 % rise arms the hedge (H = 1.2 E), then a fall between L(hedge) = 1.153 E and
        // L(scale) = 1.124 E, above the long stop at 1.08 E: HEDGED, long 0.5 + short 0.5
        rig.fake.setMid("BTC", LiveFixtures.Script.px(Math.round(e * 1.2)));
        awaitState(first, id, s -> s.getDouble("h") >= e * 1.19);
        rig.fake.setMid("BTC", LiveFixtures.Script.px(Math.round(e * 1.14)));
        StrategyState hedged = awaitState(first, id, s -> s.name().equals("HEDGED") && s.getLong("order") < 0);

        first.destroyForcibly(); // kill -9
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        BigDecimal held = rig.fake.position(RunnerProcessRig.ACCOUNT, "BTC");
        int placed = rig.fake.orders(RunnerProcessRig.ACCOUNT).size();

        Process second = rig.start("second", "run", id, "--poll-ms", "100", "--duration", "4s", "--rest-feed");
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the restarted run ends by itself").isTrue();
        assertThat(second.exitValue()).as(rig.err("second")).isZero();

        List<LiveStore.Entry> journal = rig.store().journal(id);
        assertThat(journal).filteredOn(x -> x.kind().equals("restore")).singleElement()
                .satisfies(x -> assertThat(x.detail()).startsWith("HEDGED BTC bull cycle=" + hedged.getInt("cycle")));
        assertThat(journal).anyMatch(x -> x.kind().equals("reconcile") && "BTC".equals(x.coin())
                && x.detail().startsWith("restart rule RESUME: HEDGED BTC"));
        assertThat(rig.fake.orders(RunnerProcessRig.ACCOUNT)).as("no order after the restart").hasSize(placed);
        assertThat(rig.fake.position(RunnerProcessRig.ACCOUNT, "BTC")).as("the exchange position is as it was").isEqualByComparingTo(held);
        StrategyState after = StrategyState.parse(rig.store().latest(id, "state", "BTC").orElseThrow().detail());
        assertThat(after.name()).isEqualTo("HEDGED");

        // Issue 10's own case: a DEEP short (long 0 + short 0.25 Q) killed and restarted stays short.
        Process third = rig.start("third", "run", id, "--poll-ms", "100", "--duration", "600s", "--rest-feed");
        rig.fake.setMid("BTC", LiveFixtures.Script.px(Math.round(e * 1.09))); // below L(deep) = 1.1 E
        StrategyState deep = awaitState(third, id, s -> s.name().equals("DEEP") && s.getLong("order") < 0);
        third.destroyForcibly(); // kill -9
        assertThat(third.waitFor(30, TimeUnit.SECONDS)).isTrue();
        BigDecimal short0 = rig.fake.position(RunnerProcessRig.ACCOUNT, "BTC");
        assertThat(short0.signum()).as("DEEP is net short").isNegative();
        int placedDeep = rig.fake.orders(RunnerProcessRig.ACCOUNT).size();

        Process fourth = rig.start("fourth", "run", id, "--poll-ms", "100", "--duration", "4s", "--rest-feed");
        assertThat(fourth.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(fourth.exitValue()).as(rig.err("fourth")).isZero();
        assertThat(rig.store().journal(id)).filteredOn(x -> x.kind().equals("restore")).last()
                .satisfies(x -> assertThat(x.detail()).startsWith("DEEP BTC bull cycle=" + deep.getInt("cycle")));
        assertThat(rig.fake.orders(RunnerProcessRig.ACCOUNT)).as("no order after the restart").hasSize(placedDeep);
        assertThat(rig.fake.position(RunnerProcessRig.ACCOUNT, "BTC")).as("still short, not a fresh long").isEqualByComparingTo(short0);
    }

    /** Waits (at most 90 s) for the runner to journal a strategy state that {@code wanted} accepts. */
    private StrategyState awaitState(Process runner, String id, Predicate<StrategyState> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            Optional<LiveStore.Entry> saved = rig.store().latest(id, "state", "BTC");
            if (saved.isPresent()) {
                StrategyState s = StrategyState.parse(saved.get().detail());
                if (wanted.test(s)) {
                    return s;
                }
            }
            assertThat(runner.isAlive()).as("the runner is running (exit %s)", runner.isAlive() ? "-" : runner.exitValue()).isTrue();
            assertThat(System.currentTimeMillis()).as("the state arrived in time (last: %s)", saved.map(LiveStore.Entry::detail))
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
