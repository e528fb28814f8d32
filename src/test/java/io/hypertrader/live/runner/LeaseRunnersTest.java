package io.hypertrader.live.runner;

import io.hypertrader.core.Interval;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.UserError;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.store.LeaseLostException;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.venue.OrderJournal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One runner per deployment, in process, against the fake exchange: a second runner is refused,
 * a dead or silent holder is taken over, and a runner whose lease was taken sends nothing more.
 */
class LeaseRunnersTest extends RunnerTestBase {

    static final long ME = ProcessHandle.current().pid();
    static final String HOST = DeploymentLease.hostName();

    @BeforeEach
    void start() throws Exception {
        startExchange(0);
        new LiveFixtures.Script(fake, 5).add("BTC", LiveFixtures.candles(7, 200, System.currentTimeMillis(), 30_000));
        plan = LiveFixtures.plan(BTC, Interval.M1, "ab12cd34ef56" + "0".repeat(52));
    }

    LiveRunner liveRunner(LiveStore.Deployment d, RunnerBase.Sleeper sleeper) throws Exception {
        return new LiveRunner(store, d, plan, new RestMarketFeed(transport), stops, System::currentTimeMillis, sleeper,
                printer(), client());
    }

    PaperRunner paperRunner(LiveStore.Deployment d, RunnerBase.Sleeper sleeper) {
        return new PaperRunner(store, d, plan, new RestMarketFeed(transport), stops, System::currentTimeMillis, sleeper,
                new PrintWriter(out, true));
    }

    /** Another process takes the deployment over: its pid lookup finds this runner's process gone (as after kill -9). */
    void takeOver(String deploymentId) {
        DeploymentLease.acquire(store, deploymentId, new DeploymentLease.Settings(60_000, new DeploymentLease.Holder(4242, HOST, 1L),
                pid -> DeploymentLease.ProcessState.GONE), System::currentTimeMillis);
    }

    List<String> leaseLines(String id) {
        return store.journal(id).stream().filter(e -> e.kind().equals("lease")).map(LiveStore.Entry::detail).toList();
    }

    @Test
    void aSecondRunnerOfALiveDeploymentIsRefusedBeforeItTouchesAnything() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        // the first runner holds the deployment (this process, alive, heartbeat fresh)
        DeploymentLease first = DeploymentLease.acquire(store, d.id(), DeploymentLease.Settings.defaults(), System::currentTimeMillis);
        LiveRunner second = liveRunner(d, ms -> { });
        assertThatThrownBy(() -> second.run(new RunnerBase.Settings(0, 3, 0))).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.kind().exitCode()).isEqualTo(5);
            assertThat(e.getMessage()).contains("is being run by pid " + ME + " on host " + HOST);
        });
        assertThat(store.runs(d.id())).as("no session registered, none marked lost").isEmpty();
        assertThat(fake.exchangeBodies()).as("nothing signed, not even the dead-man switch").isEmpty();
        assertThat(leaseLines(d.id())).last().asString().startsWith("refused pid " + ME);
        // paper alike
        LiveStore.Deployment p = deploy(LiveStore.Stage.PAPER);
        DeploymentLease.acquire(store, p.id(), DeploymentLease.Settings.defaults(), System::currentTimeMillis);
        assertThatThrownBy(() -> paperRunner(p, ms -> { }).run(new RunnerBase.Settings(0, 3, 0)))
                .hasMessageContaining("is being run by pid " + ME);
        assertThat(store.candles(p.id(), Interval.M1)).isEmpty();
        first.release();
    }

    @Test
    void aRunnerTakesOverADeadHolderAndASilentOneAndReleasesOnACleanEnd() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.PAPER);
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        DeploymentLease.acquire(store, d.id(), new DeploymentLease.Settings(60_000, new DeploymentLease.Holder(p.pid(), HOST, 1L),
                DeploymentLease.ProcessProbe.system()), System::currentTimeMillis);
        RunnerBase.Outcome o = paperRunner(d, ms -> { }).run(new RunnerBase.Settings(0, 3, 0));
        assertThat(o.endReason()).isEqualTo("bounded");
        assertThat(leaseLines(d.id())).containsExactly("acquired by pid " + p.pid() + " on host " + HOST,
                "taken over from pid " + p.pid() + " on host " + HOST + ": the holder is gone (no process " + p.pid() + " on " + HOST
                        + "); now held by pid " + ME + " on host " + HOST,
                "released by pid " + ME + " on host " + HOST);
        assertThat(DeploymentLease.current(store, d.id())).isEmpty();

        // a holder on another host whose heartbeat is two minutes old
        DeploymentLease.acquire(store, d.id(), new DeploymentLease.Settings(60_000, new DeploymentLease.Holder(77, "far", 1L),
                pid -> DeploymentLease.ProcessState.GONE), () -> System.currentTimeMillis() - 120_000);
        paperRunner(store.deployment(d.id()).orElseThrow(), ms -> { }).run(new RunnerBase.Settings(0, 2, 0));
        assertThat(leaseLines(d.id())).anyMatch(l -> l.startsWith("taken over from pid 77 on host far: the holder has been silent for 120 s"));
    }

    /** Takes the deployment over from inside the venue's write-ahead call: after the decision, before the order is written. */
    static final class TakeOverBeforeIntent implements OrderJournal {
        final OrderJournal inner;
        final Runnable takeOver;
        final AtomicReference<Cloid> refused = new AtomicReference<>();

        TakeOverBeforeIntent(OrderJournal inner, Runnable takeOver) {
            this.inner = inner;
            this.takeOver = takeOver;
        }

        @Override
        public void intent(long id, Cloid cloid, OrderRequest request, long timeMs, double ref) {
            if (refused.compareAndSet(null, cloid)) {
                takeOver.run();
            }
            inner.intent(id, cloid, request, timeMs, ref);
        }

        @Override
        public void answer(long id, Cloid cloid, String outcome, Long oid, String detail, long timeMs) {
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
    void anOrderDecidedUnderALeaseThatWasTakenOverIsNeitherJournaledNorSent() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        LiveRunner runner = liveRunner(d, ms -> { });
        AtomicReference<TakeOverBeforeIntent> hook = new AtomicReference<>();
        runner.journalWrapper = j -> {
            TakeOverBeforeIntent t = new TakeOverBeforeIntent(j, () -> takeOver(d.id()));
            hook.set(t);
            return t;
        };
        assertThatThrownBy(() -> runner.run(new RunnerBase.Settings(0, 40, 0))).isInstanceOfSatisfying(LeaseLostException.class,
                e -> assertThat(e.getMessage()).contains("now held by pid 4242 on host " + HOST, "stopped before sending"));
        String cloid = hook.get().refused.get().hex();
        assertThat(fake.orders(ACCOUNT)).as("the exchange never saw the order").noneMatch(o -> cloid.equals(o.cloid));
        assertThat(fake.orders(ACCOUNT)).isEmpty();
        assertThat(store.orders(d.id())).as("nothing written ahead, so nothing to reconcile").noneMatch(o -> cloid.equals(o.cloid()));
        // the loser stops without clearing the new holder's dead-man switch, and leaves its lease alone
        Long scheduled = fake.scheduledCancel(ACCOUNT);
        assertThat(scheduled).as("the dead-man schedule stays armed for the new holder").isNotNull();
        assertThat(DeploymentLease.current(store, d.id()).orElseThrow().holder().pid()).isEqualTo(4242);
        assertThat(store.runs(d.id())).singleElement().satisfies(r -> assertThat(r.endReason()).isEqualTo("lease lost"));
        assertThat(leaseLines(d.id())).last().asString().startsWith("lost: deployment " + d.id() + ": this runner (pid " + ME);
    }

    @Test
    void aRunnerThatWakesUpToFindItsLeaseTakenStopsBeforeSendingAnything() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        AtomicInteger sleeps = new AtomicInteger();
        AtomicInteger bodiesAtTakeover = new AtomicInteger(-1);
        // the third pause is a long suspension (laptop lid, SIGSTOP): meanwhile another run takes the deployment over
        LiveRunner runner = liveRunner(d, ms -> {
            if (sleeps.incrementAndGet() == 3) {
                takeOver(d.id());
                bodiesAtTakeover.set(fake.exchangeBodies().size());
            }
        });
        assertThatThrownBy(() -> runner.run(new RunnerBase.Settings(0, 40, 0))).isInstanceOf(LeaseLostException.class);
        assertThat(bodiesAtTakeover.get()).as("it had been trading (dead-man switch armed at least)").isPositive();
        assertThat(fake.exchangeBodies()).as("nothing signed after waking up: no order, no dead-man refresh, no clear")
                .hasSize(bodiesAtTakeover.get());

        // paper: the replay after the takeover journals no order
        LiveStore.Deployment p = deploy(LiveStore.Stage.PAPER);
        AtomicInteger paperSleeps = new AtomicInteger();
        AtomicInteger ordersAtTakeover = new AtomicInteger(-1);
        PaperRunner paper = paperRunner(p, ms -> {
            if (paperSleeps.incrementAndGet() == 3) {
                takeOver(p.id());
                ordersAtTakeover.set(store.orders(p.id()).size());
            }
        });
        assertThatThrownBy(() -> paper.run(new RunnerBase.Settings(0, 40, 0))).isInstanceOf(LeaseLostException.class);
        assertThat(store.orders(p.id())).hasSize(ordersAtTakeover.get());
        assertThat(store.journal(p.id()).stream().filter(e -> e.kind().equals("end"))).isEmpty();
    }
}
