package io.hypertrader.data;

import java.time.Duration;

/**
 * A client-side token bucket for Hyperliquid's per-IP REST budget (1200 weight per minute).
 *
 * <p>Tokens refill continuously at {@code perMinute / 60 s} up to {@code perMinute}. A request
 * {@linkplain #acquire(int) acquires} its base weight before it is sent (waiting if needed); the
 * item-dependent part of its weight is {@linkplain #charge(int) charged} after the response,
 * which may leave the balance negative so the next request waits. A 429 {@linkplain #drain()
 * drains} the bucket: some other client on the same IP has spent the budget. Share one instance
 * between every transport of a process (data fetch and live trading use the same IP budget).
 * Thread-safe.
 */
public final class WeightBudget {
    /** Hyperliquid's documented REST weight per minute per IP. */
    public static final int HYPERLIQUID_PER_MINUTE = 1200;

    private final double capacity;
    private final double perNano;
    private final TransportClock clock;
    private double tokens;
    private long last;

    public WeightBudget(int perMinute, TransportClock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("weight budget must be >= 1 per minute, got " + perMinute);
        }
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.clock = clock;
        this.tokens = perMinute;
        this.last = clock.nanoTime();
    }

    private void refill() {
        long now = clock.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }

    /** Waits until {@code weight} tokens are available, then takes them. */
    public void acquire(int weight) throws InterruptedException {
        double need = Math.min(weight, capacity);
        while (true) {
            Duration wait;
            synchronized (this) {
                refill();
                if (tokens >= need) {
                    tokens -= weight;
                    return;
                }
                wait = Duration.ofNanos((long) Math.ceil((need - tokens) / perNano));
            }
            clock.sleep(wait);
        }
    }

    /** Takes {@code weight} more tokens now (item-dependent weight learnt from a response). */
    public synchronized void charge(int weight) {
        refill();
        tokens -= weight;
    }

    /** Empties the bucket (after a 429: the server says the budget is spent). */
    public synchronized void drain() {
        refill();
        tokens = Math.min(tokens, 0);
    }

    /** Tokens available now (may be negative). */
    public synchronized double available() {
        refill();
        return tokens;
    }
}
