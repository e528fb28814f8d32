package io.hypertrader.analytics;

import java.util.Arrays;

/**
 * Summary of a sample of outcomes (final equities, drawdowns, P&amp;Ls of a Monte Carlo ensemble):
 * count, mean, sample standard deviation (divisor n - 1), extremes and the 5/25/50/75/95 %
 * quantiles, type 7 (linear interpolation between order statistics: h = (n - 1) p, the definition
 * the bootstrap intervals use). NaN values are left out; all figures are NaN for an empty sample.
 */
public record Distribution(int n, double mean, double stdDev, double min, double p05, double p25, double median,
                           double p75, double p95, double max) {

    /** Summarises {@code values} (not modified). */
    public static Distribution of(double[] values) {
        double[] x = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = x.length;
        if (n == 0) {
            return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double mean = sum / n, ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new Distribution(n, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, x[0], quantile(x, 0.05),
                quantile(x, 0.25), quantile(x, 0.5), quantile(x, 0.75), quantile(x, 0.95), x[n - 1]);
    }

    /**
     * Type-7 quantile of ascending {@code sorted} values: with h = (n - 1) p,
     * x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
     */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + p);
        }
        return StationaryBootstrap.quantile(sorted, p);
    }
}
