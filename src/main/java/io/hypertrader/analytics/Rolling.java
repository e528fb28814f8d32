package io.hypertrader.analytics;

/**
 * Rolling Sharpe ratio and volatility of an equity curve's bar returns over a trailing window of
 * {@code window} returns, annualised like the whole-sample figures (sqrt(P)). The value at mark t
 * (t >= window) uses the returns r_(t-window+1)..r_t; marks before that have none, so the arrays
 * start at mark {@code window}: {@code time[k]} is mark {@code window + k}.
 *
 * @param window     returns per window
 * @param time       times of the marks that have a value
 * @param sharpe     mean / standard deviation (divisor window - 1) * sqrt(P); NaN for a flat window
 * @param volatility standard deviation * sqrt(P)
 */
public record Rolling(int window, long[] time, double[] sharpe, double[] volatility) {

    /** Steps between exact recomputations of the sliding sums. */
    private static final int RESET = 32;

    /** The window QuantStats-style reports use, here 30 days of bars (720 at 1h, 180 at 4h, 30 at 1d), at least 2. */
    public static int defaultWindow(long barMs) {
        return (int) Math.max(2, Math.round(30 * 86_400_000.0 / barMs));
    }

    /**
     * Rolling figures of {@code equity} marked at {@code time}. Returns stop at a ruin (equity <= 0),
     * like the whole-sample figures; fewer returns than the window give empty arrays.
     */
    public static Rolling of(long[] time, double[] equity, int window, double periodsPerYear) {
        if (window < 2) {
            throw new IllegalArgumentException("rolling window must be at least 2 returns, got " + window);
        }
        int marks = equity.length;
        for (int i = 1; i < equity.length; i++) {
            if (equity[i] <= 0) {
                marks = i + 1;
                break;
            }
        }
        double[] r = MetricsCalculator.simpleReturns(equity, marks);
        int count = Math.max(0, r.length - window + 1);
        long[] t = new long[count];
        double[] sharpe = new double[count], vol = new double[count];
        if (count == 0) {
            return new Rolling(window, t, sharpe, vol);
        }
        // Sliding sums of deviations from the whole sample's mean (small numbers, little cancellation),
        // recomputed from scratch every RESET steps: a run's returns swing by orders of magnitude, and
        // adding and removing their squares would otherwise drift (1e-6 after a thousand steps).
        double centre = Moments.of(r).mean();
        // relative size below which the variance is the rounding of the sums (sd < 1e-6 of the
        // window's distance from the sample mean): the window is flat
        final double FLAT = 1e-12;
        double annual = Math.sqrt(periodsPerYear);
        double s1 = 0, s2 = 0;
        for (int k = 0; k < count; k++) {
            int last = k + window - 1;
            if (k % RESET == 0) {
                s1 = 0;
                s2 = 0;
                for (int j = k; j <= last; j++) {
                    double d = r[j] - centre;
                    s1 += d;
                    s2 += d * d;
                }
            } else {
                double out = r[k - 1] - centre, in = r[last] - centre;
                s1 += in - out;
                s2 += in * in - out * out;
            }
            double mean = centre + s1 / window;
            double var = Math.max(0, (s2 - s1 * s1 / window) / (window - 1));
            if (var <= FLAT * s2 / (window - 1)) {
                // a flat window (equity unchanged for the whole window, e.g. flat with no dust held):
                // what is left is the rounding of s2 - s1^2 / w, not a variance
                var = 0;
            }
            double sd = Math.sqrt(var);
            t[k] = time[last + 1];
            vol[k] = sd * annual;
            sharpe[k] = SharpeRatios.annualise(SharpeRatios.ratio(mean, sd), periodsPerYear);
        }
        return new Rolling(window, t, sharpe, vol);
    }
}
