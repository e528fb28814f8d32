package io.hypertrader.record;

import io.hypertrader.core.Coin;

/**
 * When to read one perp's funding settlements. Hyperliquid settles funding every hour, on the
 * hour (with millisecond offsets), and publishes settlements only over REST
 * ({@code fundingHistory}); the activeAssetCtx channel carries the current predicted rate, which
 * is stored with the asset contexts. So the recorder reads the settlements after the last stored
 * one at start and {@link #DELAY_MS} after each hour, and again every {@link #RETRY_MS} while
 * an expected settlement has not appeared.
 */
final class FundingTrack {
    static final long NONE = Long.MIN_VALUE;
    static final long HOUR_MS = 3_600_000;
    static final long DELAY_MS = 30_000;
    static final long RETRY_MS = 120_000;
    private static final long MAX_BACKOFF_MS = 10 * 60_000;

    final Coin coin;
    /** The latest stored settlement time, NONE when nothing is stored. */
    long lastTime = NONE;
    /** Where to start when nothing is stored (the start of the candle backfill). */
    long startFrom;
    long nextPollAt;
    private int failures;
    long rowsNew;

    FundingTrack(Coin coin, long startFrom, long nowMs) {
        this.coin = coin;
        this.startFrom = startFrom;
        this.nextPollAt = nowMs;
    }

    long from() {
        return lastTime == NONE ? startFrom : lastTime + 1;
    }

    boolean due(long nowMs) {
        return nowMs >= nextPollAt;
    }

    /** After a read: the next settlement is expected an hour after the last one's hour. */
    void succeeded(long nowMs) {
        failures = 0;
        long base = lastTime == NONE ? Math.floorDiv(nowMs, HOUR_MS) * HOUR_MS : Math.floorDiv(lastTime, HOUR_MS) * HOUR_MS;
        long expected = base + HOUR_MS + DELAY_MS;
        nextPollAt = expected > nowMs ? expected : nowMs + RETRY_MS;
    }

    long failed(long nowMs) {
        long delay = Math.min(MAX_BACKOFF_MS, 10_000L << Math.min(failures, 10));
        failures++;
        nextPollAt = nowMs + delay;
        return delay;
    }
}
