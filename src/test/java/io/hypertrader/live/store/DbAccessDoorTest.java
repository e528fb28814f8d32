package io.hypertrader.live.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads of one process that take turns on the database file (many deployments in one
 * {@code run --all}) would keep DuckDB's shared instance, and so the file, open for good: the
 * door closes it now and then so another process ({@code status}, {@code stop}) gets in.
 */
class DbAccessDoorTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessGetsTheFileWhileThreadsHereKeepItBusy() throws Exception {
        Path db = dir.resolve("busy.duckdb");
        new LiveStore(DbAccess.file(db)).append("d", LiveStore.Entry.of(1, 1L, "note", null, null, null, null, null, null, "created"));
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String id = "d" + t;
            Thread th = new Thread(() -> {
                LiveStore store = new LiveStore(DbAccess.file(db)); // one access per thread, as each runner has
                while (go.get()) {
                    store.db().batch(() -> {
                        store.append(id, LiveStore.Entry.of(2, 2L, "note", null, null, null, null, null, null, "busy"));
                        writes.incrementAndGet();
                        try {
                            Thread.sleep(40); // a unit of work that takes a while: the three overlap all the time
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
            }, "busy-" + t);
            th.start();
            threads.add(th);
        }
        long forcedBefore = DbAccess.forcedCloses(db);
        try {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "io.hypertrader.cli.HyperTraderCli", "status")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("status.out").toFile());
            pb.environment().put("HYPERTRADER_DB", db.toString());
            pb.environment().put("HYPERTRADER_HOME", dir.resolve("home").toString());
            Process p = pb.start();
            p.getOutputStream().close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(dir.resolve("status.out"));
            assertThat(p.exitValue()).as(out).isZero();
        } finally {
            go.set(false);
            for (Thread th : threads) {
                th.join(10_000);
            }
        }
        assertThat(writes.get()).as("the threads kept working").isGreaterThan(10);
        assertThat(DbAccess.forcedCloses(db) - forcedBefore).as("the file was closed for the other process").isPositive();
    }
}
