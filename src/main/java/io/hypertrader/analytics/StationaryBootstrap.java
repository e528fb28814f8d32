package io.hypertrader.analytics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The stationary bootstrap of Politis and Romano (1994), seeded: resamples a return series in
 * blocks of random (geometric) length with mean {@code meanBlockLength}, wrapping around the end,
 * so the short-range autocorrelation of bar returns survives the resampling (an i.i.d. bootstrap
 * would destroy it and understate the spread of drawdowns). A mean block length of 1 is the
 * ordinary i.i.d. bootstrap.
 *
 * <p>Percentile intervals use the linear interpolation between order statistics that
 * spreadsheets and numpy use by default (Hyndman and Fan type 7). Same seed, same data: same
 * interval, bit for bit ({@link SplittableRandom}'s algorithm is specified).
 *
 * @param samples         number of resampled series (e.g. 1000)
 * @param meanBlockLength mean block length in bars, >= 1
 * @param seed            seed of the resampling
 */
public record StationaryBootstrap(int samples, double meanBlockLength, long seed) {

    public StationaryBootstrap {
        if (samples < 10) {
            throw new IllegalArgumentException("bootstrap samples must be >= 10, got " + samples);
        }
        if (!(meanBlockLength >= 1)) {
            throw new IllegalArgumentException("mean block length must be >= 1 bar, got " + meanBlockLength);
        }
    }

    /** The default mean block length for n returns: n^(1/3) rounded, at least 1 (17 bars for 5000). */
    public static double defaultBlockLength(int n) {
        return Math.max(1.0, Math.round(Math.cbrt(n)));
    }

    /**
     * Bootstrap intervals of the annualised Sharpe ratio and of the maximum drawdown.
     *
     * @param sharpe      interval of the annualised Sharpe ratio
     * @param maxDrawdown interval of the maximum drawdown (fraction of peak) of the compounded resampled returns
     */
    public record Result(ConfidenceInterval sharpe, ConfidenceInterval maxDrawdown) {
    }

    /**
     * Resamples {@code returns} and returns percentile intervals at {@code level} for the
     * annualised Sharpe ratio (sqrt(periodsPerYear) * mean / sample std) and the maximum drawdown
     * of the equity obtained by compounding each resampled series from 1.
     */
    public Result run(double[] returns, double periodsPerYear, double level) {
        int n = returns.length;
        if (n < 2) {
            ConfidenceInterval none = new ConfidenceInterval(Double.NaN, Double.NaN, level);
            return new Result(none, none);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double pNew = 1.0 / meanBlockLength;
        double[] sharpes = new double[samples];
        double[] drawdowns = new double[samples];
        double[] path = new double[n];
        double annual = Math.sqrt(periodsPerYear);
        for (int s = 0; s < samples; s++) {
            int idx = rng.nextInt(n);
            double sum = 0;
            double equity = 1, peak = 1, maxDd = 0;
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    // Start a new block with probability 1/L, else continue the current one (circularly).
                    idx = rng.nextDouble() < pNew ? rng.nextInt(n) : (idx + 1 == n ? 0 : idx + 1);
                }
                double r = returns[idx];
                path[k] = r;
                sum += r;
                equity *= 1 + r;
                if (equity > peak) {
                    peak = equity;
                } else {
                    maxDd = Math.max(maxDd, 1 - equity / peak);
                }
            }
            double mean = sum / n, ss = 0;
            for (double r : path) {
                ss += (r - mean) * (r - mean);
            }
            sharpes[s] = annual * SharpeRatios.ratio(mean, Math.sqrt(ss / (n - 1)));
            drawdowns[s] = maxDd;
        }
        return new Result(percentileInterval(sharpes, level), percentileInterval(drawdowns, level));
    }

    /** The [(1-level)/2, (1+level)/2] percentile interval of the finite values of x. */
    static ConfidenceInterval percentileInterval(double[] x, double level) {
        double[] finite = Arrays.stream(x).filter(Double::isFinite).sorted().toArray();
        // An interval from a minority of resamples would look precise and be meaningless.
        if (finite.length < x.length / 2 || finite.length == 0) {
            return new ConfidenceInterval(Double.NaN, Double.NaN, level);
        }
        return new ConfidenceInterval(quantile(finite, (1 - level) / 2), quantile(finite, (1 + level) / 2), level);
    }

    /** Type-7 quantile of sorted values: h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
