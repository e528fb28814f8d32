package io.hypertrader.ops.fleet;

import io.hypertrader.core.UserError;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor of {@code run --all} on its own: runners are stand-ins that block, throw,
 * refuse or stop beating on the test's command; the clock is the test's, and each
 * {@link Fleet#step()} is one supervision pass.
 */
class FleetTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final List<LiveStore.Deployment> active = new CopyOnWriteArrayList<>();
    final Map<String, Long> beats = new ConcurrentHashMap<>();
    final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> launches = new ConcurrentHashMap<>();
    final List<String> said = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final Fleet.Settings settings = new Fleet.Settings(30_000, 5_000, 60_000, 120_000);
    Fleet fleet;

    enum Behaviour { RUN_UNTIL_RELEASED, THROW, REFUSE, END, HANG_WITHOUT_BEAT }

    @AfterEach
    void tearDown() {
        release.countDown();
        if (fleet != null) {
            fleet.interruptAll(5_000);
        }
    }

    static LiveStore.Deployment deployment(String id) {
        return new LiveStore.Deployment(id, LiveStore.Stage.PAPER, "h", "cfg", null, "{}", null, "created", 0, null, null, 1, 10_000.0,
                null, null, null, null, null);
    }

    void add(String id, Behaviour b) {
        active.add(deployment(id));
        behaviours.put(id, b);
    }

    Fleet fleet() {
        fleet = new Fleet(() -> List.copyOf(active), beats::get, d -> {
            launches.computeIfAbsent(d.id(), k -> new AtomicInteger()).incrementAndGet();
            switch (behaviours.get(d.id())) {
                case THROW -> throw new IllegalStateException("boom in " + d.id());
                case REFUSE -> throw new UserError(UserError.Kind.REFUSED, d.id() + ": the restored strategy and the venue differ");
                case END -> {
                    return "bounded";
                }
                case HANG_WITHOUT_BEAT, RUN_UNTIL_RELEASED -> {
                    release.await(); // interrupted by the fleet when it stalls
                    return "bounded";
                }
            }
            return "bounded";
        }, now::get, settings, said::add);
        return fleet;
    }

    Fleet.Member member(String id) {
        return fleet.members().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    void awaitState(String id, Fleet.State state) throws InterruptedException {
        Await.until(id + " " + state, () -> {
            fleet.step();
            return member(id).state() == state;
        });
    }

    @Test
    void aCrashingRunnerRestartsAfterADoublingBackoffWhileTheOthersRunOn() throws Exception {
        add("good", Behaviour.RUN_UNTIL_RELEASED);
        add("bad", Behaviour.THROW);
        fleet().step();
        awaitState("bad", Fleet.State.BACKOFF);
        assertThat(member("bad").restartAtMs()).isEqualTo(now.get() + 5_000);
        assertThat(member("bad").last()).contains("crashed", "boom in bad");
        assertThat(member("good").state()).isEqualTo(Fleet.State.RUNNING);
        assertThat(fleet.threads().get("good").isAlive()).isTrue();

        now.addAndGet(4_999);
        fleet.step();
        assertThat(launches.get("bad")).hasValue(1); // not before its backoff

        now.addAndGet(1);
        fleet.step();
        Await.until("second launch", () -> launches.get("bad").get() == 2);
        awaitState("bad", Fleet.State.BACKOFF);
        assertThat(member("bad").restartAtMs()).as("the second failure in a row waits twice as long").isEqualTo(now.get() + 10_000);
        assertThat(member("bad").failures()).isEqualTo(2);
        assertThat(launches.get("good")).hasValue(1);
        assertThat(member("good").state()).isEqualTo(Fleet.State.RUNNING);
        assertThat(said).anyMatch(l -> l.startsWith("fleet: bad crashed") && l.endsWith("restart in 5s"));
    }

    @Test
    void aRunnerThatRefusesToResumeWaitsForAPersonAndIsNotRestarted() throws Exception {
        add("differs", Behaviour.REFUSE);
        fleet().step();
        awaitState("differs", Fleet.State.REFUSED);
        now.addAndGet(3_600_000);
        fleet.step();
        fleet.step();
        assertThat(launches.get("differs")).hasValue(1);
        assertThat(said).anyMatch(l -> l.contains("differs needs a person") && l.contains("differ"));
    }

    @Test
    void aRunnerThatStopsBeatingIsInterruptedAndRestarted() throws Exception {
        add("stuck", Behaviour.HANG_WITHOUT_BEAT);
        add("fine", Behaviour.RUN_UNTIL_RELEASED);
        fleet().step();
        Await.until("both launched", () -> launches.size() == 2);
        beats.put("stuck", now.get());
        beats.put("fine", now.get());
        now.addAndGet(119_000);
        beats.put("fine", now.get());
        fleet.step();
        assertThat(member("stuck").state()).as("not yet: 119 s without a beat").isEqualTo(Fleet.State.RUNNING);

        now.addAndGet(1_000);
        beats.put("fine", now.get());
        awaitState("stuck", Fleet.State.BACKOFF);
        assertThat(member("stuck").last()).contains("stalled");
        assertThat(member("fine").state()).isEqualTo(Fleet.State.RUNNING);
        assertThat(said).anyMatch(l -> l.contains("stuck has not beaten for 120s"));
    }

    @Test
    void deploymentsPromotedLaterJoinAtTheNextScanAndStoppedOnesAreNotRestarted() throws Exception {
        add("first", Behaviour.THROW);
        fleet().step();
        awaitState("first", Fleet.State.BACKOFF);
        add("later", Behaviour.RUN_UNTIL_RELEASED);
        fleet.step();
        assertThat(launches).doesNotContainKey("later"); // the next scan is 30 s away

        active.removeIf(d -> d.id().equals("first")); // stopped while it waited for its restart
        now.addAndGet(30_000);
        fleet.step();
        Await.until("later launched", () -> launches.containsKey("later"));
        assertThat(member("first").state()).isEqualTo(Fleet.State.ENDED);
        now.addAndGet(600_000);
        fleet.step();
        assertThat(launches.get("first")).hasValue(1);
    }

    @Test
    void aFleetBoundedByBarsEndsOnceEveryRunnerEndedOnItsOwn() {
        add("a", Behaviour.END);
        add("b", Behaviour.REFUSE);
        fleet().run(() -> true, true, 50); // its time never runs out: it ends because nothing is left to run
        assertThat(member("a").state()).isEqualTo(Fleet.State.ENDED);
        assertThat(member("b").state()).isEqualTo(Fleet.State.REFUSED);
    }

    @Test
    void aBoundedFleetEndsWhenEveryRunnerHasEnded() {
        for (int i = 0; i < 20; i++) {
            add("d" + i, i == 7 ? Behaviour.THROW : Behaviour.END);
        }
        List<Boolean> calls = new ArrayList<>();
        // two passes start everything; then no new starts, and run() returns once all have ended
        fleet().run(() -> {
            calls.add(true);
            return calls.size() <= 2;
        }, false, 50);
        assertThat(fleet.running()).isZero();
        assertThat(fleet.members()).hasSize(20);
        assertThat(fleet.members()).filteredOn(m -> !m.id().equals("d7")).allMatch(m -> m.state() == Fleet.State.ENDED
                && m.last().equals("ended: bounded"));
        assertThat(member("d7").failures()).isEqualTo(1);
        assertThat(member("d7").state()).as("no restart once the fleet's time is up").isEqualTo(Fleet.State.ENDED);
    }
}
