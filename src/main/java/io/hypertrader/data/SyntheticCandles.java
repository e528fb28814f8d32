package io.hypertrader.data;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Interval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of BTC-like synthetic candles, labelled "synthetic": the same (seed,
 * parameters) give the same bytes on every JVM and platform (SplittableRandom, StrictMath, own
 * Gaussian sampler).
 *
 * <p>Model: bar log-returns {@code r_t = sigma_t * z_t} with GARCH(1,1) variance
 * {@code sigma_t^2 = omega + alpha * r_{t-1}^2 + beta * sigma_{t-1}^2} (volatility clustering) and
 * Student-t innovations with {@code df} degrees of freedom scaled to unit variance (fat tails).
 * Each bar opens at the previous close; high and low are the extremes of a 12-step Brownian
 * bridge from open to close with the bar's volatility. Volume is {@code baseVolume} scaled by
 * the bar's volatility relative to the long-run level and by the size of its move, with
 * log-normal noise, so volume is correlated with volatility as in real markets. Prices are
 * rounded to 5 significant figures (Hyperliquid's price rule), volume to 5 decimals.
 */
public final class SyntheticCandles {

    /** Generator parameters; volatility is annualised and converted per bar. */
    public record Params(long seed, int candles, Interval interval, long startMs, double startPrice,
                         double annualVol, double alpha, double beta, double df, double baseVolume) {
        public Params {
            if (candles < 1 || !interval.fixedLength() || !interval.onGrid(startMs) || startPrice <= 0
                    || annualVol <= 0 || alpha < 0 || beta < 0 || alpha + beta >= 1 || df <= 2 || baseVolume <= 0) {
                throw new IllegalArgumentException("invalid synthetic-candle parameters: " + this);
            }
        }

        /** The shipped dataset: 5000 1h bars from 2024-01-01 UTC, 60 000 start, 60 % annual vol. */
        public static Params btc1h(long seed, int candles) {
            return new Params(seed, candles, Interval.H1, 1_704_067_200_000L, 60_000, 0.60, 0.06, 0.92, 5.0, 1_200);
        }
    }

    private SyntheticCandles() {
    }

    public static List<Candle> generate(Params p) {
        SplittableRandom rnd = new SplittableRandom(p.seed());
        double barVar = p.annualVol() * p.annualVol() / p.interval().periodsPerYear();
        double omega = barVar * (1 - p.alpha() - p.beta());
        double tScale = StrictMath.sqrt((p.df() - 2) / p.df());
        double var = barVar;
        double prevR = 0;
        double close = round5(p.startPrice());
        long ms = p.interval().millis();
        List<Candle> out = new ArrayList<>(p.candles());
        for (int i = 0; i < p.candles(); i++) {
            var = omega + p.alpha() * prevR * prevR + p.beta() * var;
            double sigma = StrictMath.sqrt(var);
            double z = studentT(rnd, p.df()) * tScale;
            double r = sigma * z;
            // Brownian bridge from 0 to r in 12 steps: the intrabar extremes.
            int steps = 12;
            double[] w = new double[steps + 1];
            for (int k = 1; k <= steps; k++) {
                w[k] = w[k - 1] + gaussian(rnd) * sigma / StrictMath.sqrt(steps);
            }
            double hi = 0;
            double lo = 0;
            for (int k = 1; k <= steps; k++) {
                double b = w[k] - (double) k / steps * (w[steps] - r);
                hi = Math.max(hi, b);
                lo = Math.min(lo, b);
            }
            double open = close;
            double c = round5(open * StrictMath.exp(r));
            double h = Math.max(round5(open * StrictMath.exp(hi)), Math.max(open, c));
            double l = Math.min(round5(open * StrictMath.exp(lo)), Math.min(open, c));
            double volRatio = sigma / StrictMath.sqrt(barVar);
            double vol = p.baseVolume() * volRatio * (0.5 + 0.5 * Math.abs(z)) * StrictMath.exp(0.3 * gaussian(rnd) - 0.045);
            double v = BigDecimal.valueOf(vol).setScale(5, RoundingMode.HALF_EVEN).doubleValue();
            long t = p.startMs() + i * ms;
            out.add(new Candle(t, t + ms - 1, open, h, l, c, v, -1));
            prevR = StrictMath.log(c / open);
            close = c;
        }
        return out;
    }

    private static double round5(double x) {
        return new BigDecimal(x).round(new MathContext(5, RoundingMode.HALF_EVEN)).doubleValue();
    }

    /** Standard normal by Box-Muller on StrictMath (reproducible everywhere). */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble(); // (0, 1]
        double u2 = rnd.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /** Student-t with integer-ish df: normal over sqrt(chi-square / df). */
    private static double studentT(SplittableRandom rnd, double df) {
        int k = (int) Math.round(df);
        double chi2 = 0;
        for (int i = 0; i < k; i++) {
            double g = gaussian(rnd);
            chi2 += g * g;
        }
        return gaussian(rnd) / StrictMath.sqrt(chi2 / k);
    }
}
