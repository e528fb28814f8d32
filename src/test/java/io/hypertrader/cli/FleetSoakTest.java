package io.hypertrader.cli;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.live.store.LiveStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's soak: {@code run --all} with 100 paper deployments (half on BTC, half on ETH, 1m
 * bars) in this process for 10 minutes against the fake exchange replaying real minutes on the
 * wall clock (mids pushed every 500 ms over the WebSocket, as Hyperliquid does). Longer outside
 * CI: {@code -Dhypertrader.fleet.soak.minutes=60} ({@code .deployments} sets the count).
 *
 * <ul>
 *   <li><b>No missed bar:</b> every deployment recorded every bar that closed while it ran, none
 *       reported overdue by the feed check;</li>
 *   <li><b>flat heap:</b> the heap in use after a full GC at the end is within 10% (and 24 MB) of
 *       the same figure once the warm-ups are done;</li>
 *   <li><b>bounded CPU:</b> the runner threads used under 1.5% of a core each on average, none
 *       more than 3%, and none more than 4 times the median (no runaway).</li>
 * </ul>
 * The figures go to the test's output (docs/operations.md quotes them).
 */
class FleetSoakTest {
    static final int DEPLOYMENTS = Integer.getInteger("hypertrader.fleet.soak.deployments", 100);
    static final int MINUTES = Integer.getInteger("hypertrader.fleet.soak.minutes", 10);
    /** After this long the warm-ups are done and the first bars arrived: the baseline for heap and CPU. */
    static final long SETTLED_MS = 150_000;

    @TempDir
    Path dir;

    @Test
    void hundredPaperDeploymentsInOneProcess() throws Exception {
        try (FleetRig rig = new FleetRig(dir, 500)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < DEPLOYMENTS; i++) {
                ids.add(rig.paper(i % 2 == 0 ? "BTC" : "ETH", i, false));
            }
            AtomicReference<CliHarness.Result> result = new AtomicReference<>();
            long started = System.currentTimeMillis();
            Thread cli = new Thread(() -> result.set(CliHarness.run(rig.env, "run", "--all", "--duration", MINUTES + "m",
                    "--rescan", "60s")), "fleet-soak-cli");
            cli.start();

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long endMs = started + MINUTES * 60_000L;
            // the baseline once the warm-ups are done; the last sample half a minute before the runners end
            cli.join(Math.max(1, SETTLED_MS - (System.currentTimeMillis() - started)));
            Sample settled = sample(threads, memory, os);
            List<String> heapSeries = new ArrayList<>();
            heapSeries.add(mb(settled.heapAfterGc));
            while (System.currentTimeMillis() < endMs - 30_000 && cli.isAlive()) {
                cli.join(Math.max(1, Math.min(60_000, endMs - 30_000 - System.currentTimeMillis())));
                if (System.currentTimeMillis() < endMs - 31_000) {
                    heapSeries.add(mb(sample(threads, memory, os).heapAfterGc));
                }
            }
            Sample last = sample(threads, memory, os);
            heapSeries.add(mb(last.heapAfterGc));
            cli.join(5 * 60_000L);
            assertThat(cli.isAlive()).as("run --all ended after its duration").isFalse();
            CliHarness.Result r = result.get();
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("fleet: ended: " + DEPLOYMENTS + " deployments, 0 runner failures, 0 waiting for a person");

            // bars: every deployment has every bar that closed while it ran, none overdue
            LiveStore store = rig.store();
            int missing = 0;
            int overdue = 0;
            int minBars = Integer.MAX_VALUE;
            List<String> problems = new ArrayList<>();
            for (String id : ids) {
                Map<Coin, List<Candle>> bars = store.candles(id, Interval.M1);
                List<Candle> list = bars.values().iterator().next();
                List<LiveStore.RunRow> runs = store.runs(id);
                long runStart = runs.getFirst().startedMs();
                long runEnd = runs.getLast().endedMs();
                // the bars that closed (and were due) between the run's start and its end
                long firstDue = Math.floorDiv(runStart, FleetRig.MIN) * FleetRig.MIN;
                long lastDue = Math.floorDiv(runEnd - 20_000, FleetRig.MIN) * FleetRig.MIN - FleetRig.MIN;
                int have = 0;
                for (long open = firstDue; open <= lastDue; open += FleetRig.MIN) {
                    final long o = open;
                    if (list.stream().anyMatch(c -> c.openTime() == o)) {
                        have++;
                    } else {
                        missing++;
                        problems.add(id + ": bar " + java.time.Instant.ofEpochMilli(open) + " missing");
                    }
                }
                minBars = Math.min(minBars, have);
                long late = store.journal(id).stream().filter(e -> e.kind().equals("feed") && e.detail().contains("has not arrived"))
                        .count();
                overdue += (int) late;
                if (late > 0) {
                    problems.add(id + ": " + late + " feed warnings");
                }
            }

            // CPU of each deployment's runner thread between the two samples
            double seconds = (last.atNanos - settled.atNanos) / 1e9;
            List<Double> cpuPct = new ArrayList<>();
            for (Map.Entry<String, Long> e : last.cpuByThread.entrySet()) {
                Long before = settled.cpuByThread.get(e.getKey());
                if (before != null) {
                    cpuPct.add((e.getValue() - before) / 1e9 / seconds * 100);
                }
            }
            cpuPct.sort(Double::compare);
            double median = cpuPct.get(cpuPct.size() / 2);
            double max = cpuPct.getLast();
            double mean = cpuPct.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double processPct = (last.processCpu - settled.processCpu) / 1e9 / seconds * 100;
            System.out.printf(Locale.ROOT, "fleet soak: %d paper deployments in one process for %d min (%d runner threads measured over %.0f s):"
                            + " %d..%d bars each, %d missing, %d overdue; heap in use after GC (MB) %s; runner CPU per deployment"
                            + " mean %.2f%%, median %.2f%%, max %.2f%% of a core; the whole process (fake exchange, market and JVM"
                            + " included) %.0f%% of a core; %d times the file was closed for other processes%n",
                    DEPLOYMENTS, MINUTES, cpuPct.size(), seconds, minBars, minBars + 1, missing, overdue, String.join(" ", heapSeries),
                    mean, median, max, processPct, io.hypertrader.live.store.DbAccess.forcedCloses(rig.db));
            assertThat(problems).isEmpty();
            assertThat(minBars).as("bars each deployment saw").isGreaterThanOrEqualTo(MINUTES - 3);
            assertThat(cpuPct).as("every runner thread measured").hasSize(DEPLOYMENTS);
            assertThat(mean).as("CPU per deployment, % of a core (100 of them fit in 1.5 cores)").isLessThan(1.5);
            assertThat(max).as("CPU of the busiest deployment, % of a core").isLessThan(3.0);
            assertThat(max).as("no runaway: the busiest against the median").isLessThan(Math.max(4 * median, 0.2));
            long grown = last.heapAfterGc - settled.heapAfterGc;
            assertThat(grown).as("heap growth after warm-up, bytes (settled " + mb(settled.heapAfterGc) + " MB)")
                    .isLessThan(Math.max(24L << 20, settled.heapAfterGc / 10));
        }
    }

    private record Sample(long atNanos, long heapAfterGc, long processCpu, Map<String, Long> cpuByThread) {
    }

    private static Sample sample(ThreadMXBean threads, MemoryMXBean memory, com.sun.management.OperatingSystemMXBean os) {
        System.gc();
        System.gc();
        long heap = memory.getHeapMemoryUsage().getUsed();
        Map<String, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("run-paper-") && t.isAlive()) {
                long ns = threads.getThreadCpuTime(t.threadId());
                if (ns >= 0) {
                    cpu.put(t.getName(), ns);
                }
            }
        }
        return new Sample(System.nanoTime(), heap, os.getProcessCpuTime(), cpu);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }
}
