package io.hypertrader.cli;

import io.hypertrader.core.Interval;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.store.LiveStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One runner per deployment with real operating-system processes: two {@code hypertrader run} of
 * one testnet deployment against the fake exchange on 127.0.0.1; the second exits 5 naming the
 * first's pid; after a {@code kill -9} of the first, a third takes the deployment over and says so.
 */
class LeaseProcessTest {

    @TempDir
    Path dir;
    RunnerProcessRig rig;
    Path db;

    @BeforeEach
    void setUp() throws Exception {
        rig = new RunnerProcessRig(dir);
        new LiveFixtures.Script(rig.fake, 5).add("BTC", LiveFixtures.candles(11, 400, System.currentTimeMillis(), 60_000, Interval.H1));
        db = rig.db;
    }

    @AfterEach
    void tearDown() throws Exception {
        rig.close();
    }

    String deploy() throws Exception {
        return rig.deploy();
    }

    Process start(String name, String... args) throws Exception {
        return rig.start(name, args);
    }

    String err(String name) throws Exception {
        return rig.err(name);
    }

    Optional<DeploymentLease.Row> lease(String id) {
        return DeploymentLease.current(new LiveStore(DbAccess.file(db)), id);
    }

    @Test
    void aSecondRunOfALiveDeploymentExits5NamingTheFirstsPidAndAKilledOneIsTakenOver() throws Exception {
        String id = deploy();
        Process first = start("first", "run", id, "--poll-ms", "200", "--duration", "120s", "--rest-feed");
        long deadline = System.currentTimeMillis() + 90_000;
        while (lease(id).map(l -> l.holder().pid() != first.pid()).orElse(true)) {
            assertThat(first.isAlive()).as("the first runner started (stderr: %s)", err("first")).isTrue();
            assertThat(System.currentTimeMillis()).as("the first runner took the lease in time").isLessThan(deadline);
            Thread.sleep(200);
        }

        Process second = start("second", "run", id, "--poll-ms", "200", "--duration", "120s", "--rest-feed");
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the second run ends by itself").isTrue();
        assertThat(second.exitValue()).as(err("second")).isEqualTo(5);
        assertThat(err("second")).contains("is being run by pid " + first.pid() + " on host ");
        assertThat(first.isAlive()).as("the first runner is unaffected").isTrue();
        assertThat(lease(id).orElseThrow().holder().pid()).isEqualTo(first.pid());

        CliHarness.Result status = CliHarness.run(Map.of("HYPERTRADER_DB", db.toString()), "status", id);
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("lease: held by pid " + first.pid() + " on host \\S+ since \\S+, heartbeat \\d+s ago");

        // kill -9: the pid is dead on this host, so the next run takes over at once (no waiting for the timeout)
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Process third = start("third", "run", id, "--poll-ms", "200", "--max-bars", "2", "--rest-feed");
        assertThat(third.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(third.exitValue()).as(err("third")).isZero();
        List<String> lease = new LiveStore(DbAccess.file(db)).journal(id).stream().filter(e -> e.kind().equals("lease"))
                .map(LiveStore.Entry::detail).toList();
        assertThat(lease).anyMatch(l -> l.startsWith("refused pid " + second.pid()));
        assertThat(lease).anyMatch(l -> l.startsWith("taken over from pid " + first.pid()) && l.contains("the holder is gone (no process "
                + first.pid()) && l.contains("now held by pid " + third.pid()));
        assertThat(lease).last().asString().startsWith("released by pid " + third.pid());
        assertThat(lease(id)).as("a clean end frees the deployment").isEmpty();
    }
}
