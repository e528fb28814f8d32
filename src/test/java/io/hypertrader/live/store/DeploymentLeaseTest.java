package io.hypertrader.live.store;

import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lease rule: who may take a deployment, when a holder counts as gone or silent, and what the journal says. */
class DeploymentLeaseTest {

    static final String DEP = "testnet-ab12cd34-1";
    static final String HOST = DeploymentLease.hostName();
    static final long T0 = 1_700_000_000_000L;

    Database db;
    LiveStore store;
    final AtomicLong clock = new AtomicLong(T0);

    @BeforeEach
    void open() {
        db = Database.inMemory();
        store = new LiveStore(DbAccess.of(db));
        store.insert(new LiveStore.Deployment(DEP, LiveStore.Stage.TESTNET, "ab12cd34" + "0".repeat(56), "t", null, "{}",
                "0x" + "1".repeat(40), "created", T0, null, "test", 1L, 10_000.0, null, null, null, null, null));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A holder identity whose pid lookups answer as given (the other processes of a test). */
    static DeploymentLease.Settings as(DeploymentLease.Holder self, DeploymentLease.ProcessProbe probe) {
        return new DeploymentLease.Settings(DeploymentLease.DEFAULT_TIMEOUT_MS, self, probe);
    }

    static DeploymentLease.Row row(DeploymentLease.Holder h, long heartbeat, long timeout) {
        return new DeploymentLease.Row(DEP, "t", h, heartbeat, heartbeat, timeout);
    }

    List<String> leaseLines() {
        return store.journal(DEP).stream().filter(e -> e.kind().equals("lease")).map(LiveStore.Entry::detail).toList();
    }

    @Test
    void theRuleTakesAFreeLeaseOrAGoneOrSilentHolderAndNothingElse() {
        DeploymentLease.Holder me = new DeploymentLease.Holder(100, HOST, T0 - 5_000);
        DeploymentLease.Holder sameHost = new DeploymentLease.Holder(200, HOST, T0 - 9_000);
        DeploymentLease.Holder otherHost = new DeploymentLease.Holder(200, "elsewhere", T0 - 9_000);
        DeploymentLease.ProcessProbe alive = pid -> new DeploymentLease.ProcessState(true, T0 - 9_000);
        DeploymentLease.ProcessProbe dead = pid -> DeploymentLease.ProcessState.GONE;
        DeploymentLease.ProcessProbe reused = pid -> new DeploymentLease.ProcessState(true, T0 - 2_000);
        long now = T0;

        assertThat(DeploymentLease.decide(null, as(me, alive), now).take()).isTrue();
        // alive on this host with its own start time, heartbeat 5 s ago: refused
        assertThat(DeploymentLease.decide(row(sameHost, now - 5_000, 60_000), as(me, alive), now).take()).isFalse();
        // dead pid on this host: gone at once, however fresh its heartbeat
        DeploymentLease.Decision gone = DeploymentLease.decide(row(sameHost, now - 1_000, 60_000), as(me, dead), now);
        assertThat(gone.take()).isTrue();
        assertThat(gone.reason()).isEqualTo("the holder is gone (no process 200 on " + HOST + ")");
        // the pid lives but belongs to a process started 7 s later: reused, so the holder is gone
        DeploymentLease.Decision re = DeploymentLease.decide(row(sameHost, now - 1_000, 60_000), as(me, reused), now);
        assertThat(re.take()).isTrue();
        assertThat(re.reason()).contains("pid 200 now belongs to a process started at");
        // start times within the tolerance are the same process
        DeploymentLease.ProcessProbe jitter = pid -> new DeploymentLease.ProcessState(true, T0 - 9_000 + 500);
        assertThat(DeploymentLease.decide(row(sameHost, now - 1_000, 60_000), as(me, jitter), now).take()).isFalse();
        // another host's pid cannot be looked up here: only silence counts, strictly past the timeout
        assertThat(DeploymentLease.decide(row(otherHost, now - 1_000, 60_000), as(me, dead), now).take()).isFalse();
        assertThat(DeploymentLease.decide(row(otherHost, now - 60_000, 60_000), as(me, dead), now).take()).isFalse();
        DeploymentLease.Decision silent = DeploymentLease.decide(row(otherHost, now - 60_001, 60_000), as(me, dead), now);
        assertThat(silent.take()).isTrue();
        assertThat(silent.reason()).isEqualTo("the holder has been silent for 60 s (timeout 60 s)");
        // a holder that declared a longer timeout (slow polling) is waited for that long
        assertThat(DeploymentLease.decide(row(otherHost, now - 90_000, 120_000), as(me, dead), now).take()).isFalse();
        // an alive holder on this host that has gone silent is taken over too (hung, suspended)
        assertThat(DeploymentLease.decide(row(sameHost, now - 61_000, 60_000), as(me, alive), now).take()).isTrue();
        // unknown start times cannot prove reuse: alive
        DeploymentLease.Holder noStart = new DeploymentLease.Holder(200, HOST, null);
        assertThat(DeploymentLease.decide(row(noStart, now - 1_000, 60_000), as(me, reused), now).take()).isFalse();
    }

    @Test
    void aSecondAcquireWhileTheHolderLivesIsRefusedWithExit5NamingPidAndHost() {
        DeploymentLease first = DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get);
        long me = ProcessHandle.current().pid();
        clock.addAndGet(3_000);
        assertThatThrownBy(() -> DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get))
                .isInstanceOfSatisfying(UserError.class, e -> {
                    assertThat(e.kind()).isEqualTo(UserError.Kind.REFUSED);
                    assertThat(e.kind().exitCode()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("is being run by pid " + me + " on host " + HOST, "heartbeat 3 s ago",
                            "silent for 60 s");
                });
        assertThat(leaseLines()).containsExactly("acquired by pid " + me + " on host " + HOST,
                "refused pid " + me + " on host " + HOST + ": held by pid " + me + " on host " + HOST + ", heartbeat 3 s ago");
        // the holder is untouched: it renews, and its clean end frees the deployment
        first.renew();
        assertThat(DeploymentLease.current(store, DEP).orElseThrow().heartbeatMs()).isEqualTo(T0 + 3_000);
        first.release();
        assertThat(DeploymentLease.current(store, DEP)).isEmpty();
        assertThat(leaseLines()).last().isEqualTo("released by pid " + me + " on host " + HOST);
        DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get).release();
    }

    /**
     * run --all: a runner of this process whose release failed (the database failed at that moment)
     * has ended, so the restarted runner takes its lease at once instead of being refused for a
     * minute (and then left alone by the fleet, which does not restart a refused runner).
     */
    @Test
    void aLeaseLeftByAnEndedRunnerOfThisProcessIsTakenAtOnce() {
        Database failing = db.duplicate();
        DeploymentLease first = DeploymentLease.acquire(new LiveStore(DbAccess.of(failing)), DEP,
                DeploymentLease.Settings.defaults(), clock::get);
        clock.addAndGet(2_000);
        failing.close();
        assertThatThrownBy(first::release).as("the release fails with the database").isNotNull();
        assertThat(DeploymentLease.current(store, DEP)).as("so the row stays").isPresent();

        DeploymentLease second = DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get);
        long me = ProcessHandle.current().pid();
        assertThat(second.takenOverFrom()).isEqualTo("pid " + me + " on host " + HOST
                + " (the holder was a runner of this process (pid " + me + " on host " + HOST + ") that ended without releasing it)");
        assertThat(leaseLines()).last().asString().startsWith("taken over from pid " + me);
        second.release();
        assertThat(DeploymentLease.current(store, DEP)).isEmpty();
    }

    @Test
    void aDeadProcessOnThisHostLosesItsLeaseAtOnceAndTheTakeoverIsJournaled() throws Exception {
        // a real process that has exited (and been reaped): its pid is dead on this host
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadPid = p.pid();
        DeploymentLease.Holder dead = new DeploymentLease.Holder(deadPid, HOST, T0 - 60_000);
        DeploymentLease.acquire(store, DEP, as(dead, DeploymentLease.ProcessProbe.system()), clock::get);
        clock.addAndGet(1_000); // heartbeat 1 s ago: not silent, but gone
        DeploymentLease mine = DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get);
        assertThat(DeploymentLease.current(store, DEP).orElseThrow().holder().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(leaseLines()).last().asString().startsWith("taken over from pid " + deadPid + " on host " + HOST
                + ": the holder is gone (no process " + deadPid + " on " + HOST + "); now held by pid " + ProcessHandle.current().pid());
        // what the runner alerts as lease_takeover
        assertThat(mine.takenOverFrom()).startsWith("pid " + deadPid + " on host " + HOST).contains("the holder is gone");
        assertThat(mine.takenOverSilentMs()).isEqualTo(1_000);
        mine.release();
        DeploymentLease again = DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get);
        assertThat(again.takenOverFrom()).as("a released lease is taken, not taken over").isNull();
        again.release();
    }

    @Test
    void aReusedPidIsNotTheHolderAndASilentHolderElsewhereIsTakenOverAfterTheTimeout() {
        // this process's own pid, but recorded with a start time an hour before this process started: reused
        DeploymentLease.Holder self = DeploymentLease.Holder.current();
        DeploymentLease.Holder ghost = new DeploymentLease.Holder(self.pid(), HOST, self.processStartMs() - 3_600_000);
        DeploymentLease.acquire(store, DEP, as(ghost, pid -> DeploymentLease.ProcessState.GONE), clock::get);
        DeploymentLease mine = DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get);
        assertThat(leaseLines()).last().asString().contains("the holder is gone (pid " + self.pid() + " now belongs to a process started at");
        mine.release();

        DeploymentLease.Holder far = new DeploymentLease.Holder(77, "other-host", T0);
        DeploymentLease.acquire(store, DEP, as(far, pid -> DeploymentLease.ProcessState.GONE), clock::get);
        clock.addAndGet(59_000);
        assertThatThrownBy(() -> DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get))
                .hasMessageContaining("is being run by pid 77 on host other-host (heartbeat 59 s ago");
        clock.addAndGet(2_000);
        DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get);
        assertThat(leaseLines()).last().asString().startsWith("taken over from pid 77 on host other-host: the holder has been silent for 61 s"
                + " (timeout 60 s)");
    }

    @Test
    void aHolderWhoseLeaseWasTakenCannotRenewVerifyOrReleaseIt() {
        DeploymentLease loser = DeploymentLease.acquire(store, DEP, DeploymentLease.Settings.defaults(), clock::get);
        DeploymentLease.Holder taker = new DeploymentLease.Holder(4242, HOST, T0);
        // the taker's pid lookup says the loser's process is gone (as after a kill -9 and a pid lookup that sees none)
        DeploymentLease.acquire(store, DEP, as(taker, pid -> DeploymentLease.ProcessState.GONE), clock::get);
        assertThatThrownBy(loser::renew).isInstanceOfSatisfying(LeaseLostException.class, e -> {
            assertThat(e.kind().exitCode()).isEqualTo(5);
            assertThat(e.getMessage()).contains("lost its lease: now held by pid 4242 on host " + HOST, "stopped before sending");
            assertThat(e.holderNow().holder().pid()).isEqualTo(4242);
        });
        assertThatThrownBy(loser::verify).isInstanceOf(LeaseLostException.class);
        loser.release(); // not its lease any more: the taker keeps it
        assertThat(DeploymentLease.current(store, DEP).orElseThrow().holder().pid()).isEqualTo(4242);
        assertThat(leaseLines()).noneMatch(l -> l.startsWith("released"));
    }
}
