package io.hypertrader.backtest.sweep;

import java.io.PrintWriter;
import java.util.function.Predicate;

/**
 * A {@link TrialEngine} that keeps each finished trial where a rerun finds it (Spark: Parquet under
 * the results folder, one sub-folder per sweep id), so a study killed midway and started again with
 * the same command runs only the trials it lacks. The CLI opens it by name (see
 * {@code cli.StudyEngine}): its implementation needs libraries the launcher does not carry.
 */
public interface ResumableTrialEngine extends TrialEngine, AutoCloseable {

    /**
     * What a study asks of such an engine.
     *
     * @param kind         sweep, montecarlo or walkforward (the application's name)
     * @param source       the trial factory, shipped to wherever trials run
     * @param resultsUri   the results folder: a local path, or shared storage (hdfs://, s3a://) on a cluster
     * @param requestKey   a digest of everything that decides the trials' results (config, data, flags,
     *                     code version); a rerun of the same command has the same key
     * @param freshId      the study id to use when nothing unfinished is found under the key
     * @param stored       true for a study id already stored in the database (finished: not resumed)
     * @param localThreads task slots when no cluster master is configured (local[N])
     * @param log          where the engine says what it does (stderr), or null (--quiet)
     */
    record Request(String kind, PortableTrialFactory source, String resultsUri, String requestKey, String freshId,
                   Predicate<String> stored, int localThreads, PrintWriter log) {
    }

    /** The Spark engine's class, opened by name: Spark is a provided dependency (spark-submit brings it). */
    String SPARK_ENGINE = "io.hypertrader.backtest.sweep.spark.SparkTrialEngine";

    /** True when Spark's classes can be loaded (tests, spark-submit; not the launcher). */
    static boolean sparkAvailable() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, ResumableTrialEngine.class.getClassLoader());
            Class.forName(SPARK_ENGINE, false, ResumableTrialEngine.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Opens the Spark engine (see {@code spark.SparkTrialEngine#open}).
     *
     * @throws UnsupportedOperationException when Spark is not on the classpath ({@link #sparkAvailable})
     */
    static ResumableTrialEngine spark(Request req) {
        if (!sparkAvailable()) {
            throw new UnsupportedOperationException("Apache Spark is not on the classpath");
        }
        try {
            Class<?> impl = Class.forName(SPARK_ENGINE, true, ResumableTrialEngine.class.getClassLoader());
            return (ResumableTrialEngine) impl.getMethod("open", Request.class).invoke(null, req);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(SPARK_ENGINE + ".open(Request) is missing", e);
        }
    }

    /** The study id the results are kept under: {@link Request#freshId}, or the unfinished one resumed. */
    String sweepId();

    /** Trials found finished under {@link #sweepId()} and not run again (0 on a fresh start). */
    int resumed();

    /** Releases the engine (a Spark session it started is stopped). */
    @Override
    void close();
}
