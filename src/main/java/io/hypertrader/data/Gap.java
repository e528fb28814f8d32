package io.hypertrader.data;

import io.hypertrader.core.Interval;

import java.time.Instant;

/**
 * A run of missing bars in a stored series: bar opens {@code firstMissingMs} to
 * {@code lastMissingMs} inclusive (UTC epoch ms), {@code bars} of them.
 */
public record Gap(long firstMissingMs, long lastMissingMs, long bars) {
    public Gap {
        if (bars < 1 || lastMissingMs < firstMissingMs) {
            throw new IllegalArgumentException("empty gap " + firstMissingMs + ".." + lastMissingMs);
        }
    }

    static Gap of(Interval interval, long firstMissing, long lastMissing) {
        return new Gap(firstMissing, lastMissing, IntervalGrid.barsBetween(interval, firstMissing, lastMissing));
    }

    @Override
    public String toString() {
        return Instant.ofEpochMilli(firstMissingMs) + ".." + Instant.ofEpochMilli(lastMissingMs) + " (" + bars + " bars)";
    }
}
