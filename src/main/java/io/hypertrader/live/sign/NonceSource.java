package io.hypertrader.live.sign;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Nonces for one signer: unique and strictly increasing, {@code next = max(now, last + 1)} in ms.
 * Hyperliquid keeps the 100 highest nonces per signer and accepts a new one only if it is larger
 * than the smallest of them and inside (now - 2 days, now + 1 day), so a burst of requests within
 * one millisecond runs slightly ahead of the clock and catches up afterwards.
 *
 * <p>Use one instance per signing key per process (an API wallet per process keeps nonce sets apart).
 */
public final class NonceSource {

    private final LongSupplier clockMs;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    /** @param clockMs wall clock in epoch ms ({@code System::currentTimeMillis} in production) */
    public NonceSource(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    public static NonceSource systemClock() {
        return new NonceSource(System::currentTimeMillis);
    }

    /** The next nonce: never repeats, never decreases, even if the clock steps back. */
    public long next() {
        long now = clockMs.getAsLong();
        return last.updateAndGet(prev -> Math.max(now, prev + 1));
    }

    /** The last nonce handed out, or {@code Long.MIN_VALUE} before the first. */
    public long last() {
        return last.get();
    }
}
