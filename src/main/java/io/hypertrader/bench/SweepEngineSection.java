package io.hypertrader.bench;

import io.hypertrader.backtest.sweep.FibSetup;
import io.hypertrader.backtest.sweep.FibTrialFactory;
import io.hypertrader.backtest.sweep.FibTrialSource;
import io.hypertrader.backtest.sweep.ResumableTrialEngine;
import io.hypertrader.backtest.sweep.TrialResult;
import io.hypertrader.backtest.sweep.TrialRunner;
import io.hypertrader.backtest.sweep.TrialSpec;
import io.hypertrader.bench.harness.BenchDataset;
import io.hypertrader.bench.harness.Fmt;
import io.hypertrader.bench.refrule.ReferenceRule;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Stream;

/**
 * Sweep engines: the same seed ensemble of fib-hedge backtests (the engine section's backtest:
 * default parameters, realistic profile, 5000 candles) run by the local pool and by Spark
 * {@code local[2]}, in trials per second. Spark's fixed cost, starting its session, is its own row
 * and is not in its rate; the rate includes everything after (the first job's set-up, shipping
 * the candles, writing and reading back the Parquet results). Both must give the same results:
 * a check row compares them. Without Spark on the classpath (the launcher's) the Spark rows are
 * skipped and say how to run them.
 */
final class SweepEngineSection implements BenchSection {
    static final String LOCAL = "sweep engine: local pool, %d threads";
    static final String SPARK = "sweep engine: spark local[2], after start-up";
    static final String SPARK_START = "sweep engine: spark local[2] session start-up (fixed cost)";
    static final String SAME = "sweep engine: spark results equal the local pool's";

    /** Binds the bench backtest (no overrides: a seed ensemble), serialisable for Spark. */
    record BenchBinder(String coin, String interval) implements FibTrialSource.PortableBinder {
        @Override
        public FibSetup bind(SequencedMap<String, String> overrides) {
            FibHedgeParams p = FibHedgeParams.defaults(Coin.of(coin), Interval.parse(interval));
            return new FibSetup(List.of(p), SimConfig.REALISTIC, ReferenceRule.INITIAL_CASH, FibHedgeSection.LIMITS);
        }
    }

    @Override
    public String name() {
        return "sweep-engine";
    }

    @Override
    public List<BenchRow> run(BenchOptions o) {
        CandleSeries candles = BenchDataset.load(ReferenceRule.BENCH_CANDLES).candles();
        Coin coin = candles.coin();
        Instrument instrument = Instrument.known(coin) != null ? Instrument.known(coin) : new Instrument(coin, 2, 20);
        BenchBinder binder = new BenchBinder(coin.name(), candles.interval().code());
        FibTrialFactory factory = new FibTrialFactory(binder, List.of(candles), Map.of(), List.of(instrument));
        int trials = o.quick() ? 400 : 4000;
        List<TrialSpec> specs = new ArrayList<>(trials);
        for (int i = 0; i < trials; i++) {
            specs.add(TrialSpec.of(new LinkedHashMap<>(), 1 + i));
        }
        int threads = Math.min(2, Runtime.getRuntime().availableProcessors()) == 1 ? 1 : 2;
        TrialRunner local = new TrialRunner(factory, threads);
        local.run(specs.subList(0, Math.min(trials, 50)), false, TrialRunner.Progress.NONE); // warm-up
        long t0 = System.nanoTime();
        List<TrialResult> localResults = local.run(specs, false, TrialRunner.Progress.NONE);
        double localRate = trials / ((System.nanoTime() - t0) / 1e9);
        List<BenchRow> rows = new ArrayList<>();
        rows.add(BenchRow.higherIsBetter(Fmt.f(LOCAL, threads), localRate, Double.NaN, "trials/s")
                .withDetail(Fmt.f("%d backtests of 5000 candles (seed ensemble), one run", trials)));
        if (!ResumableTrialEngine.sparkAvailable()) {
            String why = "Spark is not on the classpath: run bench --section sweep-engine under spark-submit (docs/sweeps.md)";
            rows.add(BenchRow.skipped(SPARK_START, Double.NaN, "s", why));
            rows.add(BenchRow.skipped(SPARK, Double.NaN, "trials/s", why));
            return rows;
        }
        Path results;
        try {
            results = Files.createTempDirectory("hypertrader-bench-spark");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FibTrialSource source = FibTrialSource.of(binder, List.of(candles), Map.of(), List.of(instrument), Map.of());
        ResumableTrialEngine.Request req = new ResumableTrialEngine.Request("bench", source, results.toString(),
                "bench-" + System.nanoTime(), "bench", id -> false, 2, new PrintWriter(java.io.Writer.nullWriter()));
        long open0 = System.nanoTime();
        try (ResumableTrialEngine spark = ResumableTrialEngine.spark(req)) {
            double startup = (System.nanoTime() - open0) / 1e9;
            long s0 = System.nanoTime();
            List<TrialResult> sparkResults = spark.run(specs, false, TrialRunner.Progress.NONE);
            double sparkRate = trials / ((System.nanoTime() - s0) / 1e9);
            rows.add(BenchRow.lowerIsBetter(SPARK_START, startup, Double.NaN, "s")
                    .withDetail("opening the engine: SparkSession.getOrCreate in this JVM (and a look for an unfinished study); paid once per study, not per trial"));
            rows.add(BenchRow.higherIsBetter(SPARK, sparkRate, Double.NaN, "trials/s")
                    .withDetail(Fmt.f("%s; %.2fx the local pool's rate; includes the broadcast of %,d bytes of candles,"
                            + " the Parquet writes and the read-back", spark.describe().replaceAll(", results in .*", ""),
                            sparkRate / localRate, source.dataBytes())));
            boolean same = true;
            for (int i = 0; i < trials; i++) {
                same &= sparkResults.get(i).metrics().equals(localResults.get(i).metrics());
            }
            rows.add(BenchRow.higherIsBetter(SAME, same ? 1 : 0, 1, "").asCheck()
                    .withDetail(same ? "every trial's figures, bit for bit" : "a trial's figures differ"));
        } finally {
            deleteTree(results);
        }
        return rows;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the OS cleans it
        }
    }
}
