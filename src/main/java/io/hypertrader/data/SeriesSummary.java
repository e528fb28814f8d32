package io.hypertrader.data;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;

import java.util.List;

/**
 * What the store holds for one (coin, interval): row count, first and last bar open (UTC epoch
 * ms), the gaps between them on the interval grid, and the source the rows came from.
 */
public record SeriesSummary(Coin coin, Interval interval, long rows, long firstOpenMs, long lastOpenMs,
                            List<Gap> gaps, String source) {
    public SeriesSummary {
        gaps = List.copyOf(gaps);
    }

    /** Total missing bars over all gaps. */
    public long missingBars() {
        return gaps.stream().mapToLong(Gap::bars).sum();
    }
}
