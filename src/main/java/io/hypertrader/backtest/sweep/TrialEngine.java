package io.hypertrader.backtest.sweep;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * Where a study's trials run: between the study (a grid, a Monte Carlo ensemble, a walk-forward)
 * and the machines. {@link TrialRunner} is the local thread pool (the default);
 * {@code io.hypertrader.backtest.sweep.spark.SparkTrialEngine} runs the same trials on Apache Spark.
 *
 * <p>The contract every engine keeps: a trial is a pure function of (config, data slice, spec), so
 * the result of trial i is the same, to the last bit, whichever engine ran it and on how many
 * threads or executors; results come back in spec order.
 */
public interface TrialEngine {

    /**
     * Runs every spec and returns the results in spec order, keeping the curve of the trials
     * {@code keepCurve} accepts (by index).
     *
     * @throws io.hypertrader.core.UserError the first trial's user error
     */
    List<TrialResult> run(List<TrialSpec> specs, IntPredicate keepCurve, TrialRunner.Progress progress);

    /** Runs every spec, keeping every curve or none. */
    default List<TrialResult> run(List<TrialSpec> specs, boolean keepCurves, TrialRunner.Progress progress) {
        return run(specs, i -> keepCurves, progress);
    }

    /** Worker threads (local) or task slots (a cluster's default parallelism): what the manifest reports. */
    int threads();

    /** One line for the manifest and the console: "local pool, 8 threads", "spark local[2], ...". */
    String describe();
}
