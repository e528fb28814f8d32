package io.hypertrader.analytics;

/**
 * The standard normal distribution: cumulative distribution function and its inverse, to double
 * precision (absolute error below 1e-15 for the CDF; the quantile is refined by one Halley step).
 * Used by the probabilistic and deflated Sharpe ratios.
 */
public final class Normal {
    private static final double INV_SQRT_2PI = 0.39894228040143267794;
    private static final double SQRT_2PI = 2.50662827463100050242;

    private Normal() {
    }

    /** Density phi(x) = exp(-x^2/2) / sqrt(2 pi). */
    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Phi(x) = P(Z <= x) for a standard normal Z. NaN gives NaN. */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= -5.0 || x >= 5.0) {
            // Tail: Mills-ratio continued fraction Q(t) = phi(t) / (t + 1/(t + 2/(t + 3/(t + ...)))),
            // evaluated bottom-up; keeps relative accuracy where the series below would cancel.
            double t = Math.abs(x);
            if (t > 40) {
                return x < 0 ? 0.0 : 1.0;
            }
            double f = t;
            for (int k = 60; k >= 1; k--) {
                f = t + k / f;
            }
            double upper = pdf(t) / f;
            return x < 0 ? upper : 1.0 - upper;
        }
        // Marsaglia (2004): Phi(x) = 1/2 + phi(x) * (x + x^3/3 + x^5/(3*5) + ...), exact to rounding for |x| < 5.
        double s = x;
        double term = x;
        double q = x * x;
        for (int i = 3; ; i += 2) {
            term *= q / i;
            double next = s + term;
            if (next == s) {
                break;
            }
            s = next;
        }
        return 0.5 + s * pdf(x);
    }

    // Acklam's rational approximation (relative error 1.15e-9), refined below.
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
    private static final double P_LOW = 0.02425;

    /**
     * The quantile Phi^-1(p): the x with Phi(x) = p. p = 0 gives -infinity, p = 1 +infinity.
     *
     * @throws IllegalArgumentException when p is outside [0, 1] or NaN
     */
    public static double quantile(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        if (p == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double x;
        if (p < P_LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else if (p <= 1 - P_LOW) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        // One Halley step on Phi(x) - p brings the error to double rounding. In the upper tail the
        // difference is taken on the complement so it does not cancel.
        // Phi(x) - p = (1 - p) - (1 - Phi(x)).
        double e = p > 0.5 ? (1.0 - p) - upperTail(x) : cdf(x) - p;
        double u = e * SQRT_2PI * Math.exp(0.5 * x * x);
        return x - u / (1 + 0.5 * x * u);
    }

    /** 1 - Phi(x), accurate in the upper tail. */
    private static double upperTail(double x) {
        return cdf(-x);
    }
}
