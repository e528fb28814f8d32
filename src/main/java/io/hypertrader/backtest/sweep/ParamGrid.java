package io.hypertrader.backtest.sweep;

import io.hypertrader.core.UserError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The cartesian product of a sweep's {@link ParamAxis axes}, in row-major order: the first
 * {@code --param} varies slowest, the last fastest. Point {@code i} is always the same
 * configuration, which is what orders a sweep's results.
 */
public final class ParamGrid {
    /** Most configurations one grid may have. */
    public static final int MAX_POINTS = 1_000_000;

    private final List<ParamAxis> axes;
    private final int size;

    public ParamGrid(List<ParamAxis> axes) {
        this(axes, MAX_POINTS, "the --param grid has more than " + MAX_POINTS + " configurations; use fewer values");
    }

    /**
     * A grid of at most {@code maxPoints} points, {@code tooMany} the error beyond: a search
     * ({@link Search}) visits a few points of a space far larger than a sweep could enumerate.
     */
    ParamGrid(List<ParamAxis> axes, int maxPoints, String tooMany) {
        this.axes = List.copyOf(axes);
        Set<String> seen = new HashSet<>();
        long n = 1;
        for (ParamAxis a : this.axes) {
            if (!seen.add(a.path())) {
                throw UserError.usage("--param " + a.path() + " is given twice; list all its values in one flag");
            }
            n *= a.values().size();
            if (n > maxPoints) {
                throw UserError.usage(tooMany);
            }
        }
        this.size = (int) n;
    }

    /** Parses every {@code --param} flag (none = a grid of one point, the config as it is). */
    public static ParamGrid parse(List<String> flags) {
        List<ParamAxis> axes = new ArrayList<>();
        for (String f : flags == null ? List.<String>of() : flags) {
            axes.add(ParamAxis.parse(f));
        }
        return new ParamGrid(axes);
    }

    public List<ParamAxis> axes() {
        return axes;
    }

    /** Number of configurations (1 with no axes). */
    public int size() {
        return size;
    }

    /** Index of each axis' value at grid point {@code i}. */
    public int[] coordinates(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("grid point " + i + " of " + size);
        }
        int[] c = new int[axes.size()];
        for (int a = axes.size() - 1; a >= 0; a--) {
            int k = axes.get(a).values().size();
            c[a] = i % k;
            i /= k;
        }
        return c;
    }

    /** The overrides of grid point {@code i}: path to value text, in axis order. */
    public SequencedMap<String, String> point(int i) {
        int[] c = coordinates(i);
        SequencedMap<String, String> m = new LinkedHashMap<>();
        for (int a = 0; a < axes.size(); a++) {
            m.put(axes.get(a).path(), axes.get(a).values().get(c[a]));
        }
        return m;
    }
}
