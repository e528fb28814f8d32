package io.hypertrader.record;

import io.hypertrader.core.Coin;
import io.hypertrader.data.AssetContext;

/**
 * One perp's asset-context sampling: the first sample of each slot of the grid (every
 * {@code periodMs}, aligned to the epoch) is kept, stamped with the slot start. Samples come from
 * the activeAssetCtx channel; a slot the stream has not filled {@link #graceMs} after it began (and
 * the current slot at start and after a reconnect) is filled from one {@code metaAndAssetCtxs}
 * read, which serves every coin at once. The exchange
 * keeps no history of contexts, so slots while the recorder was not running stay empty.
 */
final class ContextTrack {
    static final long NONE = Long.MIN_VALUE;

    final Coin coin;
    final long periodMs;
    /** The newest slot sampled (stored or waiting to be). */
    long lastSlot = NONE;
    long samples;

    ContextTrack(Coin coin, long periodMs) {
        this.coin = coin;
        this.periodMs = periodMs;
    }

    long slot(long nowMs) {
        return Math.floorDiv(nowMs, periodMs) * periodMs;
    }

    /** How long a slot waits for the stream before REST is asked: half the period, at most 20 s. */
    long graceMs() {
        return Math.min(periodMs / 2, 20_000);
    }

    /** The sample to store for a context that arrived at {@code nowMs}, or null when its slot already has one. */
    AssetContext offer(AssetContext ctx, long nowMs) {
        long slot = slot(nowMs);
        if (lastSlot != NONE && slot <= lastSlot) {
            return null;
        }
        lastSlot = slot;
        samples++;
        return ctx.at(slot, nowMs);
    }

    /** True when the current slot is still empty past the grace. */
    boolean restDue(long nowMs) {
        long slot = slot(nowMs);
        return (lastSlot == NONE || lastSlot < slot) && nowMs >= slot + graceMs();
    }
}
