package io.hypertrader.ops.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One single-thread scheduled executor per lane, on daemon threads named {@code alert-<lane>}. */
public final class ThreadedScheduler implements DeliveryScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadedScheduler.class);

    private final Map<String, ScheduledExecutorService> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public void schedule(String lane, Runnable task, long delayMs) {
        if (closed) {
            return;
        }
        ScheduledExecutorService ex = lanes.computeIfAbsent(lane, ThreadedScheduler::newLane);
        try {
            ex.schedule(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.warn("alert lane {}: a task failed: {}", lane, t.toString());
                }
            }, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: the task is abandoned like any other pending one
        }
    }

    private static ScheduledExecutorService newLane(String lane) {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "alert-" + lane);
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        return ex;
    }

    @Override
    public void close(Duration grace) {
        closed = true;
        long deadline = System.nanoTime() + grace.toNanos();
        for (ScheduledExecutorService ex : lanes.values()) {
            ex.shutdown();
        }
        for (ScheduledExecutorService ex : lanes.values()) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !ex.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    ex.shutdownNow();
                }
            } catch (InterruptedException e) {
                ex.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
