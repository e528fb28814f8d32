package io.hypertrader.backtest.sweep;

import io.hypertrader.sim.PathMode;

import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * What distinguishes one backtest of a sweep from another: config overrides (dotted path to value
 * text, applied by the config loader before validation), the seed, the intrabar path mode (null =
 * the config's) and the evaluation window [fromMs, toMs) of bar open times (Long.MIN_VALUE /
 * Long.MAX_VALUE = all data).
 */
public record TrialSpec(SequencedMap<String, String> params, long seed, PathMode path, long fromMs, long toMs) {
    public TrialSpec {
        params = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        if (toMs <= fromMs) {
            throw new IllegalArgumentException("empty window [" + fromMs + ", " + toMs + ")");
        }
    }

    /** The whole data set with the config's path mode. */
    public static TrialSpec of(SequencedMap<String, String> params, long seed) {
        return new TrialSpec(params, seed, null, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public TrialSpec withPath(PathMode p) {
        return new TrialSpec(params, seed, p, fromMs, toMs);
    }

    public TrialSpec withWindow(long from, long to) {
        return new TrialSpec(params, seed, path, from, to);
    }

    public TrialSpec withParams(SequencedMap<String, String> p) {
        return new TrialSpec(p, seed, path, fromMs, toMs);
    }
}
