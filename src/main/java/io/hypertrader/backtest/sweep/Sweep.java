package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.SharpeRatios;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.PathMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SequencedMap;

/**
 * A parameter sweep: every configuration of a {@link ParamGrid} times a seed ensemble, run by a
 * {@link TrialRunner}, then judged together.
 *
 * <p>Trial order: configuration-major, seed-minor (trial = config * seeds + s), seeds
 * {@code baseSeed, baseSeed + 1, ...}. Configurations the config loader rejects (e.g. a hedge
 * ratio above the scale ratio) are skipped and listed; they were not tried, so they do not count
 * as trials of the deflated Sharpe ratio. When every configuration is rejected, the first reason is
 * the error.
 *
 * <p>Deflated Sharpe: N = the number of configurations run (seeds are repetitions of one
 * configuration, not extra trials), V = the variance across configurations of their seed-mean
 * per-bar Sharpe ratios; each trial's DSR uses its own per-bar Sharpe, return count, skewness and
 * kurtosis with that N and V (Bailey and Lopez de Prado 2014; see analytics.SharpeRatios).
 */
public final class Sweep {
    private Sweep() {
    }

    /** A configuration the loader refused, with its reason. */
    public record Skipped(int configIndex, SequencedMap<String, String> params, String reason) {
    }

    /**
     * Per-configuration aggregate over its seeds (means; the worst drawdown is the maximum).
     *
     * @param meanDeflatedSharpe mean over seeds of each trial's DSR
     * @param meanSharpeLog      mean over seeds of the annualised Sharpe ratio of log returns
     */
    public record ConfigSummary(int configIndex, SequencedMap<String, String> params, int seeds, double meanSharpe,
                                double meanSharpePerBar, double meanDeflatedSharpe, double meanPsr, double meanReturn,
                                double meanMaxDrawdown, double worstMaxDrawdown, double meanTrades,
                                double meanFinalEquity, double meanCapturePooled, double meanSharpeLog) {
    }

    /**
     * Everything a sweep produced.
     *
     * @param trials          every trial run, in trial order (skipped configurations have none)
     * @param deflatedSharpe  DSR of each trial, same order
     * @param configurations  N, configurations run
     * @param sharpeVariance  V, variance of the configurations' seed-mean per-bar Sharpe ratios (NaN when N = 1)
     * @param configs         one summary per configuration run, in grid order
     * @param ranking         the same, best mean Sharpe first (NaN last; ties by grid order)
     */
    public record Outcome(ParamGrid grid, int seeds, long baseSeed, PathMode path, List<TrialResult> trials,
                          double[] deflatedSharpe, int configurations, double sharpeVariance, List<ConfigSummary> configs,
                          List<ConfigSummary> ranking, List<Skipped> skipped) {
    }

    /**
     * Runs the sweep.
     *
     * @param path  intrabar path mode for every trial, null = the config's
     */
    public static Outcome run(TrialFactory factory, TrialEngine runner, ParamGrid grid, int seeds, long baseSeed,
                              PathMode path, TrialRunner.Progress progress) {
        if (seeds < 1) {
            throw UserError.usage("--seeds must be >= 1, got " + seeds);
        }
        List<Integer> valid = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        UserError first = null;
        for (int i = 0; i < grid.size(); i++) {
            SequencedMap<String, String> p = grid.point(i);
            try {
                factory.build(TrialSpec.of(p, baseSeed).withPath(path));
                valid.add(i);
            } catch (UserError e) {
                if (e.kind() != UserError.Kind.USAGE) {
                    throw e;
                }
                first = first == null ? e : first;
                skipped.add(new Skipped(i, p, e.getMessage()));
            }
        }
        if (valid.isEmpty()) {
            throw first;
        }
        List<TrialSpec> specs = new ArrayList<>(valid.size() * seeds);
        for (int i : valid) {
            SequencedMap<String, String> p = grid.point(i);
            for (int s = 0; s < seeds; s++) {
                specs.add(new TrialSpec(p, baseSeed + s, path, Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        List<TrialResult> results = runner.run(specs, false, progress);
        return judge(grid, seeds, baseSeed, path, valid, results, skipped);
    }

    /** Deflation and aggregates over finished trials (configuration-major, {@code seeds} per configuration). */
    static Outcome judge(ParamGrid grid, int seeds, long baseSeed, PathMode path, List<Integer> valid,
                         List<TrialResult> results, List<Skipped> skipped) {
        return judge(grid, seeds, baseSeed, path, valid, results, skipped, valid.size());
    }

    /**
     * As above with N given: a {@link Search} counts every configuration it tried, the refused
     * ones too, so {@code trialsTried} may exceed the configurations run.
     */
    static Outcome judge(ParamGrid grid, int seeds, long baseSeed, PathMode path, List<Integer> valid,
                         List<TrialResult> results, List<Skipped> skipped, int trialsTried) {
        int runs = valid.size();
        int n = trialsTried;
        double[] meanSrPerBar = new double[runs];
        for (int c = 0; c < runs; c++) {
            meanSrPerBar[c] = mean(results, c, seeds, TrialMetrics::sharpePerBar);
        }
        double variance = runs > 1 ? SharpeRatios.variance(meanSrPerBar) : Double.NaN;
        double v = Double.isNaN(variance) ? 0 : variance;
        double[] dsr = new double[results.size()];
        for (int i = 0; i < results.size(); i++) {
            TrialMetrics m = results.get(i).metrics();
            dsr[i] = n > 1 ? SharpeRatios.deflated(m.sharpePerBar(), m.returns(), m.skewness(), m.kurtosis(), v, n)
                    : m.psr();
        }
        List<ConfigSummary> configs = new ArrayList<>(runs);
        for (int c = 0; c < runs; c++) {
            int from = c * seeds;
            double dsrSum = 0;
            int dsrN = 0;
            double worst = Double.NaN;
            for (int s = 0; s < seeds; s++) {
                if (!Double.isNaN(dsr[from + s])) {
                    dsrSum += dsr[from + s];
                    dsrN++;
                }
                double dd = results.get(from + s).metrics().maxDrawdown();
                worst = Double.isNaN(worst) ? dd : Math.max(worst, dd);
            }
            configs.add(new ConfigSummary(valid.get(c), grid.point(valid.get(c)), seeds,
                    mean(results, c, seeds, TrialMetrics::sharpe), meanSrPerBar[c], dsrN > 0 ? dsrSum / dsrN : Double.NaN,
                    mean(results, c, seeds, TrialMetrics::psr), mean(results, c, seeds, TrialMetrics::totalReturn),
                    mean(results, c, seeds, TrialMetrics::maxDrawdown), worst,
                    mean(results, c, seeds, m -> m.trades()), mean(results, c, seeds, TrialMetrics::finalEquity),
                    mean(results, c, seeds, TrialMetrics::capturePooled), mean(results, c, seeds, TrialMetrics::sharpeLog)));
        }
        List<ConfigSummary> ranking = new ArrayList<>(configs);
        ranking.sort(Comparator.comparingDouble((ConfigSummary s) -> Double.isNaN(s.meanSharpe())
                ? Double.NEGATIVE_INFINITY : s.meanSharpe()).reversed().thenComparingInt(ConfigSummary::configIndex));
        return new Outcome(grid, seeds, baseSeed, path, List.copyOf(results), dsr, n, variance, List.copyOf(configs),
                List.copyOf(ranking), List.copyOf(skipped));
    }

    private static double mean(List<TrialResult> results, int config, int seeds,
                               java.util.function.ToDoubleFunction<TrialMetrics> f) {
        double sum = 0;
        int k = 0;
        for (int s = 0; s < seeds; s++) {
            double x = f.applyAsDouble(results.get(config * seeds + s).metrics());
            if (!Double.isNaN(x)) {
                sum += x;
                k++;
            }
        }
        return k > 0 ? sum / k : Double.NaN;
    }

    /**
     * The heatmap of two numeric axes: cell (x, y) holds the best (highest) configuration mean of
     * {@code metric} over all configurations with those two values (the other axes' values vary);
     * NaN where no configuration ran.
     *
     * @return null when the grid has fewer than two numeric axes with more than one value, or when those two
     *         span more than {@link ParamGrid#MAX_POINTS} cells (a search's space can)
     */
    public static Heatmap heatmap(Outcome o, String label, java.util.function.ToDoubleFunction<ConfigSummary> metric) {
        List<ParamAxis> axes = o.grid().axes();
        int ax = -1, ay = -1;
        for (int a = 0; a < axes.size(); a++) {
            if (axes.get(a).numeric() && axes.get(a).values().size() > 1) {
                if (ax < 0) {
                    ax = a;
                } else if (ay < 0) {
                    ay = a;
                }
            }
        }
        if (ay < 0) {
            return null;
        }
        ParamAxis x = axes.get(ax), y = axes.get(ay);
        if ((long) x.values().size() * y.values().size() > ParamGrid.MAX_POINTS) {
            return null; // only a search's space is this fine: a picture of it would be mostly empty
        }
        double[][] z = new double[x.values().size()][y.values().size()];
        double[][] ret = new double[x.values().size()][y.values().size()];
        for (int i = 0; i < z.length; i++) {
            Arrays.fill(z[i], Double.NaN);
            Arrays.fill(ret[i], Double.NaN);
        }
        for (ConfigSummary c : o.configs()) {
            int[] k = o.grid().coordinates(c.configIndex());
            double v = metric.applyAsDouble(c);
            if (!Double.isNaN(v) && (Double.isNaN(z[k[ax]][k[ay]]) || v > z[k[ax]][k[ay]])) {
                z[k[ax]][k[ay]] = v;
                ret[k[ax]][k[ay]] = c.meanReturn();
            }
        }
        return new Heatmap(x.path(), y.path(), x.numbers(), y.numbers(), z, label, axes.size() > 2, ret);
    }

    /**
     * A metric over two parameters.
     *
     * @param z            z[i][j] at x[i], y[j]; NaN = no configuration
     * @param bestOfOthers true when other parameters varied too and each cell is the best over them
     * @param meanReturn   the mean total return of the configuration each cell shows (so a chart can tell
     *                     a losing configuration from a winning one whatever z says)
     */
    public record Heatmap(String xPath, String yPath, double[] x, double[] y, double[][] z, String label,
                          boolean bestOfOthers, double[][] meanReturn) {
    }
}
