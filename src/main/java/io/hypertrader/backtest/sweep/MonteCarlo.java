package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.Distribution;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.PathMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Monte Carlo over seeds and intrabar path modes for one configuration: every seed
 * {@code baseSeed .. baseSeed + seeds - 1} is run under every path mode asked for (by default all
 * four: bullish-low-first, high-first, low-first, worst-case).
 *
 * <p>What it answers: how much of a result is luck of the simulator's draws (latency, slippage,
 * partial fills, random refusals: the spread over seeds), and how much depends on the unknown
 * order of each bar's high and low (the spread over path modes). Per seed, the path modes give a
 * best, median and worst P&amp;L; the <b>P&amp;L interval</b> is the median over seeds of the worst
 * and of the best, with the median of the medians between them.
 *
 * <p>Trial order: seed-major, mode-minor (trial = s * modes + m).
 */
public final class MonteCarlo {
    private MonteCarlo() {
    }

    /** Quantile levels of the fan chart's bands. */
    public static final double[] FAN_LEVELS = {0.05, 0.25, 0.5, 0.75, 0.95};

    /**
     * Equity quantiles across seeds at each mark, for one path mode.
     *
     * @param bands bands[q][t]: the FAN_LEVELS[q] quantile of equity at mark t
     */
    public record Fan(PathMode mode, long[] time, double[] levels, double[][] bands) {
    }

    /**
     * P&amp;L (USDC) over the path modes, per seed and summarised over seeds.
     *
     * @param best   per seed, the highest P&amp;L over the modes
     * @param median per seed, the median over the modes
     * @param worst  per seed, the lowest
     */
    public record PathInterval(double[] best, double[] median, double[] worst, Distribution bestDist,
                               Distribution medianDist, Distribution worstDist) {
    }

    /**
     * @param trials      seed-major, mode-minor
     * @param finalEquity distribution over seeds of the final equity, per mode
     * @param maxDrawdown distribution over seeds of the max drawdown, per mode
     * @param sharpe      distribution over seeds of the annualised Sharpe ratio, per mode
     * @param fan         equity bands of the first mode
     * @param firstSeed   the equity curve of the first seed under each mode (marks as {@code fan.time()}), in
     *                    mode order: the path interval as it builds up over time
     */
    public record Outcome(SequencedMap<String, String> params, int seeds, long baseSeed, List<PathMode> modes,
                          List<TrialResult> trials, Map<PathMode, Distribution> finalEquity,
                          Map<PathMode, Distribution> maxDrawdown, Map<PathMode, Distribution> sharpe,
                          PathInterval pnl, Fan fan, SequencedMap<PathMode, double[]> firstSeed) {
    }

    /** Runs the ensemble. {@code modes} in the order given (the first one is the fan chart's). */
    public static Outcome run(TrialFactory factory, TrialEngine runner, SequencedMap<String, String> params, int seeds,
                              long baseSeed, List<PathMode> modes, TrialRunner.Progress progress) {
        if (seeds < 1) {
            throw UserError.usage("--seeds must be >= 1, got " + seeds);
        }
        if (modes.isEmpty()) {
            throw UserError.usage("--paths: name at least one path mode");
        }
        List<TrialSpec> specs = new ArrayList<>(seeds * modes.size());
        for (int s = 0; s < seeds; s++) {
            for (PathMode m : modes) {
                specs.add(new TrialSpec(params, baseSeed + s, m, Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        factory.build(specs.get(0)); // fail fast on a bad override before starting the pool
        int k = modes.size();
        // curves of the first mode (the fan) and of the first seed under every mode (the path lines)
        return summarise(params, seeds, baseSeed, modes, runner.run(specs, i -> i % k == 0 || i < k, progress));
    }

    /** Distributions, P&amp;L interval and fan chart of finished trials (seed-major, mode-minor). */
    static Outcome summarise(SequencedMap<String, String> params, int seeds, long baseSeed, List<PathMode> modes,
                             List<TrialResult> trials) {
        int k = modes.size();
        Map<PathMode, Distribution> fin = new LinkedHashMap<>(), dd = new LinkedHashMap<>(), sr = new LinkedHashMap<>();
        for (int m = 0; m < k; m++) {
            double[] f = new double[seeds], d = new double[seeds], s = new double[seeds];
            for (int i = 0; i < seeds; i++) {
                TrialMetrics x = trials.get(i * k + m).metrics();
                f[i] = x.finalEquity();
                d[i] = x.maxDrawdown();
                s[i] = x.sharpe();
            }
            fin.put(modes.get(m), Distribution.of(f));
            dd.put(modes.get(m), Distribution.of(d));
            sr.put(modes.get(m), Distribution.of(s));
        }
        double[] best = new double[seeds], med = new double[seeds], worst = new double[seeds];
        for (int i = 0; i < seeds; i++) {
            double[] p = new double[k];
            for (int m = 0; m < k; m++) {
                p[m] = trials.get(i * k + m).metrics().pnl();
            }
            Arrays.sort(p);
            best[i] = p[k - 1];
            worst[i] = p[0];
            med[i] = Distribution.quantile(p, 0.5);
        }
        PathInterval interval = new PathInterval(best, med, worst, Distribution.of(best), Distribution.of(med),
                Distribution.of(worst));
        SequencedMap<PathMode, double[]> firstSeed = new LinkedHashMap<>();
        for (int m = 0; m < k; m++) {
            TrialResult.Curve c = trials.get(m).curve();
            if (c != null) {
                firstSeed.put(modes.get(m), c.equity());
            }
        }
        return new Outcome(params, seeds, baseSeed, List.copyOf(modes), trials, fin, dd, sr, interval,
                fan(trials, seeds, k, modes.get(0)), firstSeed);
    }

    private static Fan fan(List<TrialResult> trials, int seeds, int k, PathMode mode) {
        TrialResult.Curve first = trials.get(0).curve();
        int marks = first.time().length;
        double[][] bands = new double[FAN_LEVELS.length][marks];
        double[] column = new double[seeds];
        for (int t = 0; t < marks; t++) {
            for (int i = 0; i < seeds; i++) {
                column[i] = trials.get(i * k).curve().equity()[t];
            }
            Arrays.sort(column);
            for (int q = 0; q < FAN_LEVELS.length; q++) {
                bands[q][t] = Distribution.quantile(column, FAN_LEVELS[q]);
            }
        }
        return new Fan(mode, first.time(), FAN_LEVELS.clone(), bands);
    }
}
