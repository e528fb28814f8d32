package io.hypertrader.ops.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A virtual-time {@link DeliveryScheduler} and the clock that goes with it: nothing runs until
 * the test calls {@link #runDue()} or {@link #advance}, and then every due task runs on the test's
 * thread in time order (ties in scheduling order). Also the {@link InstantSource} of the dispatcher.
 */
final class ManualScheduler implements DeliveryScheduler, InstantSource {

    record Task(long dueMs, long seq, String lane, Runnable run) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.dueMs != b.dueMs
            ? Long.compare(a.dueMs, b.dueMs) : Long.compare(a.seq, b.seq));
    /** Every delay asked for, per lane, in order: what the backoff tests read. */
    final List<String> scheduled = new ArrayList<>();
    private long now;
    private long seq;

    ManualScheduler(long startMs) {
        this.now = startMs;
    }

    @Override
    public void schedule(String lane, Runnable task, long delayMs) {
        scheduled.add(lane + "+" + delayMs);
        queue.add(new Task(now + delayMs, seq++, lane, task));
    }

    @Override
    public void close(Duration grace) {
        queue.clear();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public long millis() {
        return now;
    }

    /** Runs everything due now, including tasks those tasks schedule with no delay. */
    int runDue() {
        int n = 0;
        while (!queue.isEmpty() && queue.peek().dueMs <= now) {
            queue.poll().run.run();
            n++;
        }
        return n;
    }

    /** Moves the clock forward, running every task that falls due on the way at its own time. */
    void advance(long ms) {
        long target = now + ms;
        while (!queue.isEmpty() && queue.peek().dueMs <= target) {
            now = Math.max(now, queue.peek().dueMs);
            runDue();
        }
        now = target;
        runDue();
    }

    /** When the next task is due, or -1. */
    long nextDue() {
        return queue.isEmpty() ? -1 : queue.peek().dueMs;
    }

    int queued() {
        return queue.size();
    }
}
