package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.AnalysisOptions;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.MetricsCalculator;
import io.hypertrader.analytics.PerformanceInput;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.backtest.analysis.RunAdapter;
import io.hypertrader.core.UserError;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local {@link TrialEngine}: runs trials on a fixed pool of worker threads. Each task builds its own strategies and venue
 * through the {@link TrialFactory}, runs the replay loop, and keeps only {@link TrialMetrics} (and
 * the curve when asked), so memory stays flat over thousands of backtests; nothing touches disk.
 * Results come back ordered by trial index whatever order the threads finish in.
 */
public final class TrialRunner implements TrialEngine {

    /** Progress callbacks; {@link #completed} is called from worker threads, one call per finished trial. */
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void completed(int done, int total);
    }

    private final TrialFactory factory;
    private final int threads;

    /**
     * @param threads worker threads, >= 1 (1 runs every trial on the calling thread)
     */
    public TrialRunner(TrialFactory factory, int threads) {
        this.factory = Objects.requireNonNull(factory, "factory");
        if (threads < 1) {
            throw UserError.usage("--threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /** Available processors: the default thread count. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String describe() {
        return "local pool, " + threads + " thread(s)";
    }

    /**
     * Runs every spec and returns the results in spec order.
     *
     * @param keepCurves keep each trial's marks and equity (Monte Carlo, walk-forward)
     * @throws UserError the first trial's user error (the rest are cancelled)
     */
    @Override
    public List<TrialResult> run(List<TrialSpec> specs, boolean keepCurves, Progress progress) {
        return run(specs, i -> keepCurves, progress);
    }

    /**
     * Runs every spec and returns the results in spec order, keeping the curve of the trials
     * {@code keepCurve} accepts (by index), so a large ensemble does not hold every curve.
     */
    @Override
    public List<TrialResult> run(List<TrialSpec> specs, java.util.function.IntPredicate keepCurve, Progress progress) {
        int n = specs.size();
        List<TrialResult> out = new ArrayList<>(n);
        AtomicInteger done = new AtomicInteger();
        if (threads == 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                out.add(runOne(factory, i, specs.get(i), keepCurve.test(i)));
                progress.completed(done.incrementAndGet(), n);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), daemonThreads());
        try {
            List<Future<TrialResult>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                TrialSpec spec = specs.get(i);
                futures.add(pool.submit(() -> {
                    TrialResult r = runOne(factory, index, spec, keepCurve.test(index));
                    progress.completed(done.incrementAndGet(), n);
                    return r;
                }));
            }
            for (Future<TrialResult> f : futures) {
                out.add(await(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static TrialResult await(Future<TrialResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(UserError.Kind.FAILURE, "interrupted while waiting for the sweep's backtests", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger k = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sweep-" + k.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One trial, on the calling thread: build, replay, point-estimate metrics. */
    public static TrialResult runOne(TrialFactory factory, int index, TrialSpec spec, boolean keepCurve) {
        Trial t = factory.build(spec);
        BacktestResult r;
        try {
            r = Backtester.run(t.input(), t.slots());
        } catch (IllegalArgumentException e) {
            throw UserError.usage("parameters " + spec.params() + ": " + e.getMessage());
        }
        RunAdapter a = new RunAdapter(r, t.input().series(), t.levels(), t.evaluateFromMs());
        PerformanceInput in = a.performance();
        Metrics m = MetricsCalculator.DEFAULT.compute(in, AnalysisOptions.pointEstimates(spec.seed()));
        TrialResult.Curve curve = keepCurve ? new TrialResult.Curve(in.time(), in.equity(), in.benchmarkPrice(),
                in.netExposure(), in.trades(), in.cycles(), in.costs()) : null;
        return new TrialResult(index, spec, TrialMetrics.of(m, r), curve);
    }
}
