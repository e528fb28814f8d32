package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.Normal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kegl 2011), the univariate
 * form hyperopt and Optuna use by default, written here because no maintained Java implementation
 * exists. Small on purpose; what it does:
 *
 * <ol>
 *   <li>The first {@link #STARTUP} points are random (the {@link RandomSearch} stream of the same seed).</li>
 *   <li>Then the observations are split by objective: the best n_good = min(ceil(0.1 n), 25) (at
 *       least 1; Optuna's default gamma) are "good", the rest "bad"; refused and undefined ones
 *       are bad.</li>
 *   <li>Per axis, each group gives a density: an ordered axis (numbers, by position scaled to
 *       [0, 1]) a mixture of normals truncated to [0, 1], one per observation, centred on it, of
 *       width the larger gap to its sorted neighbours (0 and 1 count as neighbours), clipped to
 *       [max(1 / min(100, n + 1), half a step), 1], plus a prior normal(0.5, 1), all of weight 1;
 *       a word axis a categorical of the counts plus a prior of weight 1 spread evenly. Each value's
 *       probability is the mass of its rounding interval.</li>
 *   <li>{@link #CANDIDATES} points are drawn from the good densities (axes independently) and
 *       ranked by the sum over axes of log l(x) - log g(x), the expected improvement criterion;
 *       the best {@link #BATCH} not yet evaluated are proposed (random ones fill a short batch).</li>
 * </ol>
 *
 * Every draw comes from one seeded stream, so the proposals depend on the seed and the results
 * only. A batch of {@link #BATCH} per model fit lets that many backtests run in parallel.
 */
final class TpeSearch implements SearchSampler {
    static final int STARTUP = 10;
    static final int CANDIDATES = 24;
    static final int BATCH = 4;

    private final ParamGrid space;
    private final SplittableRandom random;
    private final RandomSearch startup;

    TpeSearch(ParamGrid space, long seed) {
        this.space = space;
        this.random = new SplittableRandom(seed ^ 0x7E9E_5EEDL);
        this.startup = new RandomSearch(space, seed);
    }

    @Override
    public List<Integer> next(List<Observation> observed) {
        if (observed.size() >= space.size()) {
            return List.of();
        }
        if (observed.size() < STARTUP) {
            List<Integer> r = startup.next(observed);
            return r.subList(0, Math.min(r.size(), STARTUP - observed.size()));
        }
        List<Observation> ranked = new ArrayList<>(observed);
        ranked.sort(Comparator.comparingDouble((Observation o) -> Double.isNaN(o.objective())
                ? Double.NEGATIVE_INFINITY : o.objective()).reversed()); // stable: ties keep trial order
        int nGood = Math.max(1, Math.min((int) Math.ceil(0.1 * ranked.size()), 25));
        List<int[]> good = new ArrayList<>(), bad = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            (i < nGood && !Double.isNaN(ranked.get(i).objective()) ? good : bad).add(space.coordinates(ranked.get(i).point()));
        }
        int axes = space.axes().size();
        Density[] l = new Density[axes], g = new Density[axes];
        for (int a = 0; a < axes; a++) {
            l[a] = density(a, good);
            g[a] = density(a, bad);
        }
        Set<Integer> seen = new HashSet<>();
        observed.forEach(o -> seen.add(o.point()));
        List<int[]> cands = new ArrayList<>(CANDIDATES);
        List<Double> scores = new ArrayList<>(CANDIDATES);
        for (int k = 0; k < CANDIDATES; k++) {
            int[] c = new int[axes];
            double score = 0;
            for (int a = 0; a < axes; a++) {
                c[a] = l[a].sample(random);
                score += Math.log(l[a].mass(c[a])) - Math.log(g[a].mass(c[a]));
            }
            cands.add(c);
            scores.add(score);
        }
        Integer[] order = new Integer[CANDIDATES];
        for (int k = 0; k < CANDIDATES; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer k) -> scores.get(k)).reversed());
        List<Integer> out = new ArrayList<>(BATCH);
        for (int k : order) {
            int p = SearchSampler.point(space, cands.get(k));
            if (out.size() < BATCH && seen.add(p)) {
                out.add(p);
            }
        }
        while (out.size() < BATCH && seen.size() < space.size()) { // the good region is exhausted: explore
            int p = random.nextInt(space.size());
            if (seen.add(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private Density density(int axis, List<int[]> group) {
        ParamAxis ax = space.axes().get(axis);
        int k = ax.values().size();
        int[] obs = group.stream().mapToInt(c -> c[axis]).toArray();
        return ax.numeric() ? new Parzen(k, obs) : new Categorical(k, obs);
    }

    /** A distribution over an axis' value positions 0 .. k-1. */
    interface Density {
        double mass(int i);

        int sample(SplittableRandom r);
    }

    /** Truncated-normal mixture on positions scaled to [0, 1]; a value's mass is its rounding interval's. */
    static final class Parzen implements Density {
        final int k;
        final double[] mu, sigma, z;

        Parzen(int k, int[] obs) {
            this.k = k;
            int n = obs.length;
            double step = k > 1 ? 1.0 / (k - 1) : 1;
            double[] sorted = new double[n];
            for (int j = 0; j < n; j++) {
                sorted[j] = k > 1 ? obs[j] * step : 0.5;
            }
            java.util.Arrays.sort(sorted);
            mu = new double[n + 1];
            sigma = new double[n + 1];
            z = new double[n + 1];
            double minSigma = Math.max(1.0 / Math.min(100, n + 1), step / 2);
            for (int j = 0; j < n; j++) {
                double left = j == 0 ? sorted[j] : sorted[j] - sorted[j - 1];
                double right = j == n - 1 ? 1 - sorted[j] : sorted[j + 1] - sorted[j];
                mu[j] = sorted[j];
                sigma[j] = Math.min(1, Math.max(minSigma, Math.max(left, right)));
            }
            mu[n] = 0.5; // the prior
            sigma[n] = 1;
            for (int j = 0; j <= n; j++) {
                z[j] = Normal.cdf((1 - mu[j]) / sigma[j]) - Normal.cdf((0 - mu[j]) / sigma[j]);
            }
        }

        @Override
        public double mass(int i) {
            if (k == 1) {
                return 1;
            }
            double h = 0.5 / (k - 1), x = (double) i / (k - 1);
            double a = Math.max(0, x - h), b = Math.min(1, x + h);
            double m = 0;
            for (int j = 0; j < mu.length; j++) {
                m += (Normal.cdf((b - mu[j]) / sigma[j]) - Normal.cdf((a - mu[j]) / sigma[j])) / z[j];
            }
            return Math.max(m / mu.length, Double.MIN_NORMAL);
        }

        @Override
        public int sample(SplittableRandom r) {
            if (k == 1) {
                return 0;
            }
            int j = r.nextInt(mu.length);
            double x = Double.NaN;
            for (int t = 0; t < 100 && !(x >= 0 && x <= 1); t++) {
                x = mu[j] + sigma[j] * gaussian(r);
            }
            x = Math.min(1, Math.max(0, x)); // after 100 misses (a wide component far out): the nearest end
            return (int) Math.round(x * (k - 1));
        }
    }

    /** Counts of each value plus a prior of weight 1 spread over the k values. */
    static final class Categorical implements Density {
        final double[] p;

        Categorical(int k, int[] obs) {
            p = new double[k];
            for (int i = 0; i < k; i++) {
                p[i] = 1.0 / k;
            }
            for (int o : obs) {
                p[o] += 1;
            }
            for (int i = 0; i < k; i++) {
                p[i] /= obs.length + 1;
            }
        }

        @Override
        public double mass(int i) {
            return p[i];
        }

        @Override
        public int sample(SplittableRandom r) {
            double u = r.nextDouble(), acc = 0;
            for (int i = 0; i < p.length; i++) {
                acc += p[i];
                if (u < acc) {
                    return i;
                }
            }
            return p.length - 1;
        }
    }

    /** A standard normal draw (Box-Muller), from the given stream only. */
    static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
