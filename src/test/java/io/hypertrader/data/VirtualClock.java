package io.hypertrader.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A TransportClock whose sleep advances virtual time at once and records each sleep. */
final class VirtualClock implements TransportClock {
    private long nanos;
    private final long epochStartMs;
    final List<Duration> sleeps = new ArrayList<>();

    VirtualClock(long epochStartMs) {
        this.epochStartMs = epochStartMs;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized long epochMillis() {
        return epochStartMs + nanos / 1_000_000L;
    }

    @Override
    public synchronized void sleep(Duration d) {
        sleeps.add(d);
        nanos += d.toNanos();
    }

    synchronized Duration slept() {
        return Duration.ofNanos(nanos);
    }
}
