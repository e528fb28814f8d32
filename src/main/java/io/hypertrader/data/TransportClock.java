package io.hypertrader.data;

import java.time.Duration;

/**
 * Time as the HTTP transport sees it: a monotonic clock for pacing, the wall clock for
 * HTTP-date {@code Retry-After} values, and sleeping. Tests inject a virtual clock whose
 * {@link #sleep} only advances time, so retries and rate limiting run instantly and
 * deterministically.
 */
public interface TransportClock {
    /** Monotonic nanoseconds (only differences matter). */
    long nanoTime();

    /** Wall-clock UTC epoch milliseconds. */
    long epochMillis();

    /** Blocks for {@code d} (or advances virtual time). */
    void sleep(Duration d) throws InterruptedException;

    /** The real clock: System.nanoTime, System.currentTimeMillis, Thread.sleep. */
    static TransportClock system() {
        return new TransportClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public long epochMillis() {
                return System.currentTimeMillis();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                if (!d.isNegative() && !d.isZero()) {
                    Thread.sleep(d);
                }
            }
        };
    }
}
