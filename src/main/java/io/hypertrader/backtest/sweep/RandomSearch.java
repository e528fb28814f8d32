package io.hypertrader.backtest.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random search (Bergstra and Bengio 2012): points drawn uniformly from the space without
 * repeats, which is each axis' values drawn uniformly and independently (a range axis keeps its
 * step: only values on it are drawn). The draws are one seeded stream that does not look at the
 * results, so the sequence is fixed by the seed alone.
 */
final class RandomSearch implements SearchSampler {
    /** Points per batch: enough to keep every worker busy, small enough to store progress often. */
    static final int BATCH = 32;
    /** Spaces up to this size are shuffled once (exact, no rejection); larger ones are drawn with rejection. */
    static final int SHUFFLE_MAX = 1 << 20;

    private final int size;
    private final SplittableRandom random;
    private int[] order;
    private int next;

    RandomSearch(ParamGrid space, long seed) {
        this.size = space.size();
        this.random = new SplittableRandom(seed);
    }

    @Override
    public List<Integer> next(List<Observation> observed) {
        Set<Integer> seen = new HashSet<>();
        observed.forEach(o -> seen.add(o.point()));
        List<Integer> out = new ArrayList<>(BATCH);
        if (size <= SHUFFLE_MAX) {
            if (order == null) {
                order = new int[size];
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                }
                for (int i = size - 1; i > 0; i--) { // Fisher-Yates
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            while (out.size() < BATCH && next < size) {
                int p = order[next++];
                if (!seen.contains(p)) {
                    out.add(p);
                }
            }
            return out;
        }
        if (seen.size() >= size) {
            return out;
        }
        // a space this large is visited sparsely: rejection of the few repeats costs nothing
        while (out.size() < BATCH && seen.size() < size) {
            int p = random.nextInt(size);
            if (seen.add(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
