package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.AnalysisOptions;
import io.hypertrader.analytics.CostTotals;
import io.hypertrader.analytics.CycleOutcome;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.MetricsCalculator;
import io.hypertrader.analytics.PerformanceInput;
import io.hypertrader.analytics.RoundTrip;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.function.ToDoubleFunction;

/**
 * Walk-forward optimisation: on each training window, run the whole parameter grid and pick the
 * configuration with the best objective; run that configuration on the test window that follows;
 * stitch the test windows' equity into one out-of-sample curve and compute its metrics.
 *
 * <p>Windows roll: window w trains on [start + w * test, + train) and tests on the next
 * {@code test}; the last window is the last whose test fits in the data. Anchored mode keeps every
 * training window starting at the first bar. Each backtest replays only its window plus the
 * warm-up bars before it (see {@link FibTrialFactory}): a choice depends on nothing at or after its
 * training window's end, and a test result on nothing at or after its test window's end.
 *
 * <p>Each test window starts flat with the configured initial equity; stitching compounds them:
 * window w's equity is scaled by (stitched equity at its start / its initial equity), and so are
 * its round trips, cycles and costs, so capture and win rate are unchanged.
 */
public final class WalkForward {
    private WalkForward() {
    }

    /** What a training window maximises. Ties go to the lower grid index; NaN loses to any number. */
    public enum Objective {
        /** Annualised Sharpe ratio (default). */
        SHARPE("sharpe", TrialMetrics::sharpe),
        /** Total return. */
        RETURN("return", TrialMetrics::totalReturn),
        /** Sortino ratio. */
        SORTINO("sortino", TrialMetrics::sortino),
        /** Calmar ratio (CAGR / max drawdown). */
        CALMAR("calmar", TrialMetrics::calmar);

        private final String label;
        private final ToDoubleFunction<TrialMetrics> f;

        Objective(String label, ToDoubleFunction<TrialMetrics> f) {
            this.label = label;
            this.f = f;
        }

        public String label() {
            return label;
        }

        public double of(TrialMetrics m) {
            return f.applyAsDouble(m);
        }

        public static Objective parse(String s) {
            for (Objective o : values()) {
                if (o.label.equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return o;
                }
            }
            throw UserError.usage("--objective: '" + s + "' is not one of sharpe, return, sortino, calmar");
        }
    }

    /** One window: bar open times [trainFrom, trainTo) and [testFrom = trainTo, testTo). */
    public record Window(int index, long trainFrom, long trainTo, long testFrom, long testTo) {
    }

    /** The choice of one training window and its test. */
    public record Step(Window window, int configIndex, SequencedMap<String, String> params, double trainObjective,
                       TrialMetrics train, TrialResult test) {
    }

    /**
     * @param trainTrials  every training backtest, window-major, configuration-minor
     * @param steps        one per window
     * @param time         stitched marks
     * @param equity       stitched out-of-sample equity
     * @param metrics      full metrics of the stitched curve (with bootstrap intervals)
     */
    public record Outcome(ParamGrid grid, Objective objective, long seed, List<Window> windows,
                          List<TrialResult> trainTrials, List<Step> steps, long[] time, double[] equity, Metrics metrics) {
    }

    /** Parses "60d", "12h", "2w" or "90m" (minutes). */
    public static Duration duration(String flag, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!t.matches("\\d+[mhdw]")) {
            throw UserError.usage(flag + ": '" + text + "' is not a duration such as 60d, 12h, 2w or 90m");
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration d = switch (t.charAt(t.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (d.isZero()) {
            throw UserError.usage(flag + ": must be longer than 0");
        }
        return d;
    }

    /**
     * The windows over a series (bar open times), rolling by the test length.
     *
     * @throws UserError USAGE when not even one train + test window fits, naming the data span
     */
    public static List<Window> windows(CandleSeries s, Duration train, Duration test, boolean anchored) {
        Interval iv = s.interval();
        long start = s.openTime(0);
        long end = s.openTime(s.size() - 1) + iv.millis();
        long tr = train.toMillis(), te = test.toMillis();
        if (tr < 2 * iv.millis() || te < 2 * iv.millis()) {
            throw UserError.usage("--train and --test must each span at least 2 bars of " + iv);
        }
        List<Window> out = new ArrayList<>();
        for (int w = 0; ; w++) {
            long trainTo = start + tr + w * te;
            long testTo = trainTo + te;
            if (testTo > end) {
                break;
            }
            out.add(new Window(w, anchored ? start : trainTo - tr, trainTo, trainTo, testTo));
        }
        if (out.isEmpty()) {
            throw UserError.usage(String.format(Locale.ROOT, "--train %dd + --test %dd do not fit in the data: %s %s has"
                    + " %d bars, %.1f days", train.toDays(), test.toDays(), s.coin(), iv, s.size(), (end - start) / 86_400_000.0));
        }
        return out;
    }

    /** Runs the walk-forward. All training backtests go to the pool at once, then all tests. */
    public static Outcome run(TrialFactory factory, TrialEngine runner, ParamGrid grid, long seed, Objective objective,
                              List<Window> windows, Interval interval, TrialRunner.Progress progress) {
        int n = grid.size();
        List<TrialSpec> train = new ArrayList<>(windows.size() * n);
        for (Window w : windows) {
            for (int c = 0; c < n; c++) {
                train.add(new TrialSpec(grid.point(c), seed, null, w.trainFrom(), w.trainTo()));
            }
        }
        factory.build(train.get(0)); // fail fast on a bad override
        int total = train.size() + windows.size();
        List<TrialResult> trainResults = runner.run(train, false, (done, t) -> progress.completed(done, total));
        List<TrialSpec> tests = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        for (Window w : windows) {
            int best = -1;
            double bestValue = Double.NaN;
            for (int c = 0; c < n; c++) {
                double v = objective.of(trainResults.get(w.index() * n + c).metrics());
                if (best < 0 || (!Double.isNaN(v) && (Double.isNaN(bestValue) || v > bestValue))) {
                    best = c;
                    bestValue = v;
                }
            }
            chosen.add(best);
            tests.add(new TrialSpec(grid.point(best), seed, null, w.testFrom(), w.testTo()));
        }
        int offset = train.size();
        List<TrialResult> testResults = runner.run(tests, true, (done, t) -> progress.completed(offset + done, total));
        List<Step> steps = new ArrayList<>();
        for (Window w : windows) {
            int c = chosen.get(w.index());
            TrialMetrics tm = trainResults.get(w.index() * n + c).metrics();
            steps.add(new Step(w, c, grid.point(c), objective.of(tm), tm, testResults.get(w.index())));
        }
        return stitch(grid, objective, seed, windows, trainResults, steps, interval);
    }

    static Outcome stitch(ParamGrid grid, Objective objective, long seed, List<Window> windows,
                          List<TrialResult> trainResults, List<Step> steps, Interval interval) {
        List<Long> t = new ArrayList<>();
        List<Double> e = new ArrayList<>(), p = new ArrayList<>(), x = new ArrayList<>();
        List<RoundTrip> trips = new ArrayList<>();
        List<CycleOutcome> cycles = new ArrayList<>();
        double fees = 0, funding = 0, slippage = 0, traded = 0;
        double level = steps.get(0).test().curve().equity()[0];
        for (Step s : steps) {
            TrialResult.Curve c = s.test().curve();
            double scale = level / c.equity()[0];
            for (int j = 0; j < c.time().length; j++) {
                if (!t.isEmpty() && c.time()[j] <= t.get(t.size() - 1)) {
                    continue; // the window's first mark is the previous window's last
                }
                t.add(c.time()[j]);
                e.add(c.equity()[j] * scale);
                p.add(c.price()[j]);
                x.add(c.netExposure()[j] * scale);
            }
            level = c.equity()[c.equity().length - 1] * scale;
            for (RoundTrip r : c.trades()) {
                trips.add(new RoundTrip(r.openTime(), r.closeTime(), r.netPnl() * scale));
            }
            for (CycleOutcome o : c.cycles()) {
                cycles.add(new CycleOutcome(o.startTime(), o.endTime(), o.quantity() * scale, o.entry(), o.extreme(),
                        o.netPnl() * scale, o.hedgeRatio(), o.complete(), o.endReason()));
            }
            fees += c.costs().fees() * scale;
            funding += c.costs().funding() * scale;
            slippage += c.costs().slippage() * scale;
            traded += c.costs().tradedNotional() * scale;
        }
        long[] time = t.stream().mapToLong(Long::longValue).toArray();
        double[] equity = e.stream().mapToDouble(Double::doubleValue).toArray();
        PerformanceInput in = new PerformanceInput(interval, time, equity, p.stream().mapToDouble(Double::doubleValue).toArray(),
                x.stream().mapToDouble(Double::doubleValue).toArray(), trips, cycles,
                new CostTotals(fees, funding, slippage, traded));
        Metrics m = MetricsCalculator.DEFAULT.compute(in, AnalysisOptions.single(seed));
        return new Outcome(grid, objective, seed, List.copyOf(windows), trainResults, List.copyOf(steps), time, equity, m);
    }
}
