package io.hypertrader.backtest.sweep.spark;

import io.hypertrader.backtest.sweep.PortableTrialFactory;
import io.hypertrader.backtest.sweep.ResumableTrialEngine;
import io.hypertrader.backtest.sweep.TrialFactory;
import io.hypertrader.backtest.sweep.TrialResult;
import io.hypertrader.backtest.sweep.TrialRunner;
import io.hypertrader.backtest.sweep.TrialSpec;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.PathMode;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

import static org.apache.spark.sql.functions.col;

/**
 * Runs a study's trials on Apache Spark: the trial factory (config text and the candle slices,
 * see {@link io.hypertrader.backtest.sweep.FibTrialSource}) goes to every executor once as a
 * broadcast, each task runs its trials with {@link TrialRunner#runOne} (the very code the local
 * pool runs) and writes them as Parquet under {@code <results>/sweep_id=<id>/}; the driver reads
 * them back in trial order.
 *
 * <p>Master: the one spark-submit gives ({@code --master}, never set here); started outside
 * spark-submit (tests, the CLI with Spark on its classpath) it is {@code local[N]}, N = --threads.
 *
 * <p>Resumable: trials are written in batches, each its own Spark job whose files appear when it
 * commits, so a study killed midway keeps the batches it finished. A rerun of the same command
 * (same {@link Request#requestKey}) whose study id is not yet stored in the database finds them,
 * runs only the trials it lacks, and never writes a trial twice. Batch size: the Spark setting
 * {@value #BATCH_CONF}, else a twentieth of the trials but at least {@value #MIN_TRIALS_PER_SLOT}
 * per task slot (at most {@value #MAX_BATCH}).
 */
public final class SparkTrialEngine implements ResumableTrialEngine {
    /** Trials per Spark job (and per commit): {@code --conf spark.hypertrader.batchTrials=N}. */
    public static final String BATCH_CONF = "spark.hypertrader.batchTrials";

    /** Default batch: at least this many trials per task slot (about 2 s of work at 1 ms a trial). */
    static final int MIN_TRIALS_PER_SLOT = 2000;
    /** Default batch: at most this many trials per Spark job. */
    static final int MAX_BATCH = 500_000;

    /** Trial factories opened in this JVM (an executor, or the driver in local mode), by broadcast id. */
    private static final Map<Long, TrialFactory> OPENED = new ConcurrentHashMap<>();

    private final SparkSession spark;
    private final boolean ownsSession;
    private final JavaSparkContext jsc;
    private final Broadcast<PortableTrialFactory> source;
    private final String results;
    private final String sweepId;
    private final String requestKey;
    private final int slots;
    private final java.io.PrintWriter log;
    private int stage;
    private int resumed;

    private SparkTrialEngine(SparkSession spark, boolean ownsSession, Request req, String sweepId) {
        this.spark = spark;
        this.ownsSession = ownsSession;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.source = jsc.broadcast(req.source());
        this.results = req.resultsUri().replaceAll("/+$", "");
        this.sweepId = sweepId;
        this.requestKey = req.requestKey();
        this.slots = Math.max(1, jsc.defaultParallelism());
        this.log = req.log();
    }

    /**
     * Starts (or joins, under spark-submit) the Spark session and picks the study id: the newest
     * unfinished one under the request key, else {@link Request#freshId}.
     */
    public static SparkTrialEngine open(Request req) {
        SparkConf conf = new SparkConf(); // spark-submit passes its settings as spark.* system properties
        boolean submitted = conf.contains("spark.master");
        SparkSession.Builder b = SparkSession.builder().appName("hypertrader " + req.kind())
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                .config("spark.sql.debug.maxToStringFields", "200"); // the results schema has ~40 columns
        if (!submitted) {
            // outside spark-submit: this JVM is the whole cluster; no web UI to bind a port for
            b.master("local[" + req.localThreads() + "]").config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession spark = b.getOrCreate();
        String id = unfinished(spark, req).orElse(req.freshId());
        return new SparkTrialEngine(spark, !submitted, req, id);
    }

    /** The newest study id under the request key that the database does not hold yet. */
    private static Optional<String> unfinished(SparkSession spark, Request req) {
        String root = req.resultsUri().replaceAll("/+$", "");
        if (!exists(spark, root)) {
            return Optional.empty();
        }
        StructType withId = TrialRows.SCHEMA.add("sweep_id", DataTypes.StringType, false);
        List<Row> ids = spark.read().schema(withId).parquet(root).where(col("request_key").equalTo(req.requestKey()))
                .select("sweep_id").distinct().collectAsList();
        return ids.stream().map(r -> r.getString(0)).filter(id -> !req.stored().test(id))
                .max(String::compareTo);
    }

    private static boolean exists(SparkSession spark, String uri) {
        try {
            Path p = new Path(uri);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at the Spark results folder " + uri + ": " + e.getMessage(), e);
        }
    }

    private String folder() {
        return results + "/sweep_id=" + sweepId;
    }

    @Override
    public String sweepId() {
        return sweepId;
    }

    @Override
    public int resumed() {
        return resumed;
    }

    @Override
    public int threads() {
        return slots;
    }

    @Override
    public String describe() {
        return "spark " + spark.sparkContext().master() + ", " + slots + " task slot(s), results in " + folder();
    }

    /** One trial to run, in a form that travels to a task (a {@link TrialSpec} is not serialisable). */
    record Item(int index, String paramsJson, long seed, String path, long fromMs, long toMs, boolean keepCurve)
            implements Serializable {
        TrialSpec spec() {
            return new TrialSpec(TrialRows.params(paramsJson), seed, path == null ? null : PathMode.parse(path), fromMs,
                    toMs);
        }
    }

    /** A trial's user error, carried from a task to the driver (kind and message survive). */
    static final class TrialFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final UserError.Kind kind;

        TrialFailed(UserError.Kind kind, String message) {
            super("trial failed [" + kind + "]: " + message);
            this.kind = kind;
        }
    }

    @Override
    public List<TrialResult> run(List<TrialSpec> specs, IntPredicate keepCurve, TrialRunner.Progress progress) {
        int stageNow = stage++;
        int n = specs.size();
        Map<Integer, TrialResult> done = read(stageNow, specs);
        resumed += done.size();
        List<Item> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!done.containsKey(i)) {
                TrialSpec s = specs.get(i);
                pending.add(new Item(i, TrialRows.json(s), s.seed(), s.path() == null ? null : s.path().label(),
                        s.fromMs(), s.toMs(), keepCurve.test(i)));
            }
        }
        if (!done.isEmpty() && log != null) {
            log.printf(Locale.ROOT, "spark: %d of %d trials already in %s; running the other %d%n", done.size(), n,
                    folder(), pending.size());
            log.flush();
        }
        int finished = done.size();
        int batch = batchSize(n);
        for (int from = 0; from < pending.size(); from += batch) {
            List<Item> chunk = pending.subList(from, Math.min(pending.size(), from + batch));
            write(stageNow, chunk);
            finished += chunk.size();
            progress.completed(finished, n);
        }
        Map<Integer, TrialResult> all = read(stageNow, specs);
        if (all.size() != n) {
            throw new IllegalStateException("spark: " + folder() + " holds " + all.size() + " of " + n
                    + " trials of stage " + stageNow + " after every batch committed");
        }
        List<TrialResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get(i));
        }
        return out;
    }

    private int batchSize(int n) {
        long conf = spark.sparkContext().getConf().getLong(BATCH_CONF, 0);
        if (conf > 0) {
            return (int) Math.min(Integer.MAX_VALUE, conf);
        }
        // a twentieth of the study (a kill loses at most that), but enough per task slot that a job's
        // fixed cost (scheduling, the Parquet commit: a few hundred ms) stays small beside its trials
        long perJob = Math.max((n + 19) / 20, (long) slots * MIN_TRIALS_PER_SLOT);
        return (int) Math.max(1, Math.min(n, Math.min(perJob, MAX_BATCH)));
    }

    /** Runs one batch as one Spark job and commits its rows as Parquet files of the study's folder. */
    private void write(int stageNow, List<Item> chunk) {
        Broadcast<PortableTrialFactory> b = source;
        String key = requestKey;
        JavaRDD<Row> rows = jsc.parallelize(chunk, Math.min(chunk.size(), slots))
                .mapPartitions(items -> runTrials(items, b, key, stageNow));
        try {
            spark.createDataFrame(rows, TrialRows.SCHEMA).write().mode(SaveMode.Append).parquet(folder());
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    /** On an executor: the factory opened once per JVM, then each trial run exactly as the local pool runs it. */
    private static Iterator<Row> runTrials(Iterator<Item> items, Broadcast<PortableTrialFactory> b, String key, int stage) {
        TrialFactory factory = OPENED.computeIfAbsent(b.id(), id -> b.value().open());
        List<Row> out = new ArrayList<>();
        while (items.hasNext()) {
            Item it = items.next();
            TrialResult r;
            try {
                r = TrialRunner.runOne(factory, it.index(), it.spec(), it.keepCurve());
            } catch (UserError e) {
                throw new TrialFailed(e.kind(), e.getMessage());
            }
            out.add(TrialRows.row(key, stage, r));
        }
        return out.iterator();
    }

    /** A trial's user error as the CLI reports it; anything else as a failure naming Spark's reason. */
    private static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TrialFailed f) {
                return new UserError(f.kind, f.getMessage().substring(f.getMessage().indexOf("]: ") + 3));
            }
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf("trial failed [");
            if (at >= 0) {
                String rest = m.substring(at + "trial failed [".length());
                int close = rest.indexOf("]: ");
                try {
                    UserError.Kind kind = UserError.Kind.valueOf(rest.substring(0, close));
                    String msg = rest.substring(close + 3).lines().findFirst().orElse("");
                    return new UserError(kind, msg);
                } catch (RuntimeException ignored) {
                    break;
                }
            }
        }
        return new UserError(UserError.Kind.FAILURE, "spark: the sweep's job failed: "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }

    /** The stored trials of a stage, by index; a stored trial whose spec differs from the one asked is an error. */
    private Map<Integer, TrialResult> read(int stageNow, List<TrialSpec> specs) {
        Map<Integer, TrialResult> out = new HashMap<>();
        if (!exists(spark, folder())) {
            return out;
        }
        List<Row> rows = spark.read().schema(TrialRows.SCHEMA).parquet(folder())
                .where(col("stage").equalTo(stageNow).and(col("request_key").equalTo(requestKey))).collectAsList();
        for (Row row : rows) {
            int i = TrialRows.trial(row);
            if (i < 0 || i >= specs.size()) {
                throw new IllegalStateException("spark: " + folder() + " holds trial " + i + " of stage " + stageNow
                        + ", which has " + specs.size() + " trials");
            }
            TrialResult r = TrialRows.result(row);
            if (!r.spec().equals(specs.get(i))) {
                throw new IllegalStateException("spark: stored trial " + i + " (" + TrialRows.describe(r.spec())
                        + ") is not the one asked (" + TrialRows.describe(specs.get(i)) + ")");
            }
            out.putIfAbsent(i, r); // a batch is committed once; were a trial there twice, both are the same result
        }
        return out;
    }

    @Override
    public void close() {
        OPENED.remove(source.id());
        source.destroy();
        if (ownsSession) {
            spark.stop();
        }
    }
}
