package io.hypertrader.backtest.sweep;

import java.util.List;

/**
 * Proposes the configurations a {@link Search} evaluates next, as points (indices) of the search
 * space, a {@link ParamGrid} that is never enumerated. Deterministic: the same seed and the same
 * observations give the same proposals, whatever the thread count, which is what makes a search
 * resumable (a rerun regenerates the same sequence and finds its first trials stored).
 */
interface SearchSampler {

    /** One evaluated configuration: its point and its objective (higher is better; NaN: refused or undefined). */
    record Observation(int point, double objective) {
    }

    /**
     * The next points to evaluate, in order, none of them observed yet and no repeats; empty when
     * the sampler has nothing new (the space is exhausted, or the optimiser stopped everywhere).
     * The batch does not depend on how many trials are left: the driver runs a prefix of it, so a
     * longer rerun continues the same sequence.
     *
     * @param observed every point evaluated so far, in the order they were proposed
     */
    List<Integer> next(List<Observation> observed);

    /** Index of the point with these axis coordinates (row-major, the inverse of {@link ParamGrid#coordinates}). */
    static int point(ParamGrid space, int[] coordinates) {
        long i = 0;
        List<ParamAxis> axes = space.axes();
        for (int a = 0; a < axes.size(); a++) {
            i = i * axes.get(a).values().size() + coordinates[a];
        }
        return (int) i;
    }
}
