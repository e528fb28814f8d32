package io.hypertrader.analytics;

import java.util.Arrays;

/**
 * Historical value at risk and conditional value at risk (expected shortfall) of a return sample.
 * VaR at level c is the (1 - c) quantile of the returns (type 7, as the bootstrap intervals): the
 * return that the worst (1 - c) of periods fell to or below, a negative number for a loss. CVaR is
 * the mean of the returns at or below VaR. Nothing is assumed about the distribution (QuantStats'
 * default is the normal approximation mean + sigma * Phi^-1(1 - c); it understates fat tails).
 *
 * @param level   c, e.g. 0.95
 * @param n       number of returns
 * @param var     VaR, NaN for fewer than 2 returns
 * @param cvar    CVaR, NaN for fewer than 2 returns
 */
public record TailRisk(double level, int n, double var, double cvar) {

    /** The historical VaR and CVaR of {@code returns} (NaN values left out) at {@code level}. */
    public static TailRisk of(double[] returns, double level) {
        if (!(level > 0.5 && level < 1)) {
            throw new IllegalArgumentException("VaR level must be in (0.5, 1), got " + level);
        }
        double[] x = Arrays.stream(returns).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (x.length < 2) {
            return new TailRisk(level, x.length, Double.NaN, Double.NaN);
        }
        double var = StationaryBootstrap.quantile(x, 1 - level);
        double sum = 0;
        int k = 0;
        for (double v : x) {
            if (v > var) {
                break;
            }
            sum += v;
            k++;
        }
        return new TailRisk(level, x.length, var, sum / k);
    }
}
