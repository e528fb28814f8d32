package io.hypertrader.cli;

import io.hypertrader.backtest.sweep.FibTrialSource;
import io.hypertrader.backtest.sweep.ResumableTrialEngine;
import io.hypertrader.store.SweepStore;
import io.hypertrader.backtest.sweep.TrialEngine;
import io.hypertrader.backtest.sweep.TrialRunner;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;

import java.util.Locale;

/**
 * Where a study's backtests run, from --engine: {@code local} (the thread pool, default) or
 * {@code spark} (Apache Spark, see docs/sweeps.md). The Spark engine lives in its own package and
 * is opened by name, so everything else runs without Spark on the classpath (the launcher's
 * classpath has none; spark-submit brings it). Opened in the command's try-with-resources before
 * the setup is known ({@link #none}), started with it ({@link #start}), closed with the database.
 */
final class StudyEngine implements AutoCloseable {
    /** What --engine spark says when Spark is not on the classpath: how to run it, in one line. */
    static final String NO_SPARK = "--engine spark needs Apache Spark on the classpath, which ./hypertrader does not carry:"
            + " build the Spark jar (./mvnw -B -Pspark-app -DskipTests package) and run the same command under spark-submit:"
            + " spark-submit --master 'local[2]' target/hypertrader-spark.jar %s --engine spark ... (docs/sweeps.md)";

    private final StudyOptions opts;
    private final HyperTraderCli root;
    private TrialEngine engine;
    private String id;

    private StudyEngine(StudyOptions opts, HyperTraderCli root) {
        this.opts = opts;
        this.root = root;
    }

    /** Not started yet: {@link #start} picks the engine once the study's setup is loaded. */
    static StudyEngine none(StudyOptions opts, HyperTraderCli root) {
        return new StudyEngine(opts, root);
    }

    /**
     * Starts the engine --engine names and returns the study id: {@code freshId}, or on Spark the
     * id of the same study left unfinished (its stored trials are not run again).
     *
     * @param what everything the command hashes into its id (flags, seeds, ...), without the time
     */
    String start(StudySetup s, Database db, String kind, String what, String freshId) {
        String name = opts.engine == null ? "local" : opts.engine.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "local" -> {
                engine = new TrialRunner(s.factory, s.threads);
                id = freshId;
            }
            case "spark" -> {
                ResumableTrialEngine spark = openSpark(s, db, kind, what, freshId);
                engine = spark;
                id = spark.sweepId();
                if (!root.quiet()) {
                    root.err().printf(Locale.ROOT, "%s %s on %s%s%n", kind, id, spark.describe(),
                            id.equals(freshId) ? "" : " (resumed: the same study was left unfinished)");
                    root.err().flush();
                }
            }
            default -> throw UserError.usage("--engine '" + opts.engine + "': expected local or spark");
        }
        return id;
    }

    private ResumableTrialEngine openSpark(StudySetup s, Database db, String kind, String what, String freshId) {
        if (!ResumableTrialEngine.sparkAvailable()) {
            throw UserError.usage(String.format(Locale.ROOT, NO_SPARK, kind));
        }
        FibTrialSource source = s.portable();
        String key = ConfigLoader.sha256(kind + "\n" + what + "\n" + source.fingerprint() + "\n" + VersionProvider.version());
        String results = opts.sparkResults != null ? opts.sparkResults
                : root.reportsDir(opts.reports).resolve("spark").toAbsolutePath().toString();
        SweepStore store = new SweepStore(db);
        try {
            return ResumableTrialEngine.spark(new ResumableTrialEngine.Request(kind, source, results, key, freshId,
                    sid -> store.sweep(sid).isPresent(), s.threads, root.quiet() ? null : root.err()));
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new UserError(UserError.Kind.FAILURE, "spark: cannot start: " + e, e);
        }
    }

    /** The engine {@link #start} picked. */
    TrialEngine engine() {
        if (engine == null) {
            throw new IllegalStateException("start the engine first");
        }
        return engine;
    }

    /** "local pool, 8 thread(s)" or "spark local[2], 2 task slot(s), results in ...", for the manifest. */
    String describe() {
        return engine().describe();
    }

    @Override
    public void close() {
        if (engine instanceof ResumableTrialEngine r) {
            r.close();
        }
    }
}
