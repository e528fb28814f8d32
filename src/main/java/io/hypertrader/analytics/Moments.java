package io.hypertrader.analytics;

/**
 * The first four moments of a sample of per-period returns.
 *
 * @param n        number of observations
 * @param mean     arithmetic mean
 * @param stdDev   sample standard deviation (divisor n - 1); NaN when n < 2
 * @param skewness population skewness g1 = m3 / m2^(3/2) with central moments m_k = sum (x - mean)^k / n;
 *                 NaN when the sample has no dispersion
 * @param kurtosis population kurtosis m4 / m2^2, not excess (a normal sample gives about 3); NaN when
 *                 the sample has no dispersion
 */
public record Moments(int n, double mean, double stdDev, double skewness, double kurtosis) {

    /** Moments of {@code x} (two passes, so large means do not swamp the deviations). */
    public static Moments of(double[] x) {
        int n = x.length;
        if (n == 0) {
            return new Moments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double mean = sum / n;
        double m2 = 0, m3 = 0, m4 = 0;
        for (double v : x) {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        double std = n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN;
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double skew = m2 > 0 ? m3 / Math.pow(m2, 1.5) : Double.NaN;
        double kurt = m2 > 0 ? m4 / (m2 * m2) : Double.NaN;
        return new Moments(n, mean, std, skew, kurt);
    }
}
