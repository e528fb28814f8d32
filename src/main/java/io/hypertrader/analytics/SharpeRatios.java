package io.hypertrader.analytics;

/**
 * Sharpe-type ratios and the tests of whether a Sharpe ratio is real.
 *
 * <p>All ratios take per-period simple returns and a risk-free rate of 0. "Per period" figures are
 * not annualised; {@link #annualise} multiplies by sqrt(periods per year). The probabilistic and
 * deflated Sharpe ratios follow Bailey and Lopez de Prado ("The Sharpe Ratio Efficient Frontier",
 * 2012; "The Deflated Sharpe Ratio", 2014) and work on per-period Sharpe ratios, with population
 * skewness and non-excess kurtosis of the same returns.
 */
public final class SharpeRatios {
    /** The Euler-Mascheroni constant, used by the expected maximum of N Sharpe ratios. */
    public static final double EULER_GAMMA = 0.5772156649015329;

    private SharpeRatios() {
    }

    /** mean / sample standard deviation of the returns; NaN when the deviation is 0 or n < 2. */
    public static double perPeriod(Moments m) {
        return ratio(m.mean(), m.stdDev());
    }

    /**
     * mean / std, or NaN when std is 0 up to rounding: a constant series of returns leaves a standard
     * deviation of about 1e-18 from rounding, which would otherwise give a Sharpe ratio of 1e16.
     */
    static double ratio(double mean, double std) {
        return std > 1e-12 * Math.abs(mean) && std > 0 ? mean / std : Double.NaN;
    }

    /** A per-period ratio scaled to a year: ratio * sqrt(periodsPerYear). */
    public static double annualise(double perPeriodRatio, double periodsPerYear) {
        return perPeriodRatio * Math.sqrt(periodsPerYear);
    }

    /**
     * Sortino ratio per period: mean / downside deviation, where the downside deviation is
     * sqrt(sum over all n returns of min(r, 0)^2 / n) (target 0). NaN when no return is negative.
     */
    public static double sortinoPerPeriod(double[] returns) {
        if (returns.length == 0) {
            return Double.NaN;
        }
        double sum = 0, down = 0;
        for (double r : returns) {
            sum += r;
            if (r < 0) {
                down += r * r;
            }
        }
        double dd = Math.sqrt(down / returns.length);
        return dd > 0 ? (sum / returns.length) / dd : Double.NaN;
    }

    /**
     * Probabilistic Sharpe ratio: the probability that the true per-period Sharpe ratio exceeds
     * {@code benchmark}, given the estimate {@code sr} from {@code n} returns with the given
     * skewness and (non-excess) kurtosis:
     * PSR = Phi((sr - benchmark) * sqrt(n - 1) / sqrt(1 - skew * sr + (kurt - 1) / 4 * sr^2)).
     */
    public static double probabilistic(double sr, double benchmark, int n, double skew, double kurt) {
        if (n < 2 || Double.isNaN(sr) || Double.isNaN(skew) || Double.isNaN(kurt)) {
            return Double.NaN;
        }
        double var = 1 - skew * sr + (kurt - 1) / 4 * sr * sr;
        if (!(var > 0)) {
            return Double.NaN;
        }
        return Normal.cdf((sr - benchmark) * Math.sqrt(n - 1.0) / Math.sqrt(var));
    }

    /**
     * Minimum track record length: the number of returns needed before a per-period Sharpe ratio
     * {@code sr} is above {@code benchmark} with probability {@code confidence}:
     * 1 + (1 - skew * sr + (kurt - 1) / 4 * sr^2) * (z_confidence / (sr - benchmark))^2.
     * +infinity when sr does not exceed the benchmark.
     */
    public static double minTrackRecordLength(double sr, double benchmark, double skew, double kurt,
                                              double confidence) {
        if (Double.isNaN(sr) || Double.isNaN(skew) || Double.isNaN(kurt)) {
            return Double.NaN;
        }
        if (sr <= benchmark) {
            return Double.POSITIVE_INFINITY;
        }
        double z = Normal.quantile(confidence);
        double ratio = z / (sr - benchmark);
        return 1 + (1 - skew * sr + (kurt - 1) / 4 * sr * sr) * ratio * ratio;
    }

    /**
     * Expected maximum per-period Sharpe ratio among {@code trials} independent strategies whose
     * true Sharpe is 0 and whose estimated Sharpe ratios have variance {@code variance}:
     * sqrt(V) * ((1 - gamma) * Phi^-1(1 - 1/N) + gamma * Phi^-1(1 - 1/(N e))). 0 for a single trial.
     */
    public static double expectedMaxSharpe(double variance, long trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
        if (trials == 1 || !(variance > 0)) {
            return 0.0;
        }
        double n = trials;
        return Math.sqrt(variance) * ((1 - EULER_GAMMA) * Normal.quantile(1 - 1 / n)
                + EULER_GAMMA * Normal.quantile(1 - 1 / (n * Math.E)));
    }

    /**
     * Deflated Sharpe ratio: the probabilistic Sharpe ratio of the selected configuration against
     * the Sharpe ratio that the best of {@code trials} worthless configurations would show by luck
     * ({@link #expectedMaxSharpe}). {@code sharpeVariance} is the variance across trials of their
     * per-period Sharpe ratios; sr, n, skew and kurt describe the selected configuration's returns.
     */
    public static double deflated(double sr, int n, double skew, double kurt, double sharpeVariance, long trials) {
        return probabilistic(sr, expectedMaxSharpe(sharpeVariance, trials), n, skew, kurt);
    }

    /** Sample variance (divisor n - 1) of the trials' per-period Sharpe ratios, skipping NaN. */
    public static double variance(double[] sharpes) {
        int n = 0;
        double sum = 0;
        for (double s : sharpes) {
            if (!Double.isNaN(s)) {
                sum += s;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n, ss = 0;
        for (double s : sharpes) {
            if (!Double.isNaN(s)) {
                ss += (s - mean) * (s - mean);
            }
        }
        return ss / (n - 1);
    }
}
