package io.hypertrader.backtest.analysis;

import io.hypertrader.strategy.fib.FibHedgeParams;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The retracement ratios of a hedge strategy's cycles, as the adapter needs them: the hedge ratio
 * (the ideal capture is 1 - it, docs/strategy.md, "Cycles and capture") and every ratio whose level price the
 * report draws, ascending.
 *
 * @param hedgeRatio the ratio of the hedge level, in (0, 1)
 * @param drawn      ratios drawn on the candle chart (hedge, scale, deep and chart-only levels), ascending
 */
public record CycleLevels(double hedgeRatio, List<Double> drawn) {
    public CycleLevels {
        if (!(hedgeRatio > 0 && hedgeRatio < 1)) {
            throw new IllegalArgumentException("hedge ratio must be in (0, 1), got " + hedgeRatio);
        }
        drawn = List.copyOf(new TreeSet<>(drawn));
    }

    /** The levels of a fib-hedge configuration. */
    public static CycleLevels of(FibHedgeParams p) {
        List<Double> r = new ArrayList<>(List.of(p.levels().hedge(), p.levels().scale(), p.levels().deep()));
        r.addAll(p.levels().chart());
        return new CycleLevels(p.levels().hedge(), r);
    }
}
