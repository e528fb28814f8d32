package io.hypertrader.ops.alert;

import java.time.Duration;

/**
 * How a failed delivery is retried: attempt n (1-based) that fails with a retryable error is
 * followed by attempt n + 1 after {@code initialBackoff * multiplier^(n-1)}, capped at
 * {@code maxBackoff} (or the server's Retry-After when that is longer), up to {@code maxAttempts}
 * attempts in all. No jitter: a handful of channels cannot stampede a server, and a fixed schedule
 * is what the tests and the journal can state.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /** 5 attempts over about 30 s: 2 s, 4 s, 8 s, 16 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(2));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("alerts.retry.maxAttempts: must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("alerts.retry: need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff
                    + " and " + maxBackoff);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("alerts.retry.multiplier: must be a number >= 1, got " + multiplier);
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based), ms. */
    public long backoffMs(int attempt, long retryAfterMs) {
        double ms = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long wait = (long) Math.min(ms, maxBackoff.toMillis());
        return Math.max(wait, retryAfterMs);
    }
}
