package io.hypertrader.backtest.sweep;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backtests a search has already run, by point of its space and seed: what makes a search
 * resumable. A search stores each batch as soon as it finished ({@code store.SearchTrialStore} in
 * DuckDB), so a rerun of the same search (same key: config, data, space, window, path) finds
 * them and runs only the rest.
 */
public interface SearchCache {

    /** One stored backtest. */
    record Entry(int point, long seed, TrialMetrics metrics) {
    }

    /** The stored figures of this point and seed, or null. */
    TrialMetrics get(int point, long seed);

    /** Stores a finished batch (all or nothing). */
    void put(List<Entry> entries);

    /** A cache that keeps nothing: every backtest runs. */
    SearchCache NONE = new SearchCache() {
        @Override
        public TrialMetrics get(int point, long seed) {
            return null;
        }

        @Override
        public void put(List<Entry> entries) {
        }
    };

    /** A cache in memory (tests, and a walk-forward's windows within one run). */
    static SearchCache memory() {
        Map<String, TrialMetrics> m = new ConcurrentHashMap<>();
        return new SearchCache() {
            @Override
            public TrialMetrics get(int point, long seed) {
                return m.get(point + "/" + seed);
            }

            @Override
            public void put(List<Entry> entries) {
                entries.forEach(e -> m.put(e.point() + "/" + e.seed(), e.metrics()));
            }
        };
    }
}
