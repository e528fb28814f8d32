package io.hypertrader.analytics;

/**
 * A two-sided confidence interval [lower, upper] at {@code level} (0.95 = 95 %), from bootstrap
 * percentiles. NaN bounds mean the statistic was undefined in too many resamples.
 */
public record ConfidenceInterval(double lower, double upper, double level) {
    public ConfidenceInterval {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
    }

    /** True when x lies in [lower, upper]. */
    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }
}
