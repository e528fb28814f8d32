package io.hypertrader.bench.harness;

import io.hypertrader.bench.BenchOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The benchmark timing harness: warm-up by time, then a calibrated batch size so that one sample
 * lasts at least {@link Settings#minSampleNanos()}, then the median over
 * {@link Settings#samples()} samples. Each operation's result is written to a volatile field so
 * the JIT cannot drop the work. Uses {@link System#nanoTime()}; this is bench code, the engine
 * never reads a clock.
 */
public final class Timer {

    /** Where every timed result goes, so that the JIT must compute it. */
    @SuppressWarnings("unused")
    private static volatile Object sink;

    private Timer() {
    }

    /**
     * How long to warm up and how many samples to take.
     *
     * @param warmupNanos    minimum time spent running the operation before measuring
     * @param samples        number of timed samples; the median is reported
     * @param minSampleNanos minimum duration of one sample (the batch size is raised until a
     *                       batch lasts this long, so timer resolution does not matter)
     */
    public record Settings(long warmupNanos, int samples, long minSampleNanos) {
        /** Full benchmark: 2 s warm-up, 31 samples of at least 20 ms. */
        public static final Settings FULL = new Settings(2_000_000_000L, 31, 20_000_000L);
        /** CI smoke run: 0.5 s warm-up, 5 samples of at least 2 ms; figures are indicative only. */
        public static final Settings QUICK = new Settings(500_000_000L, 5, 2_000_000L);

        /**
         * The settings for the bench command's options: {@code warmup} x 0.4 s of warm-up,
         * {@code repetitions} samples of at least 20 ms (2 ms and a 0.5 s warm-up when quick).
         */
        public static Settings of(BenchOptions o) {
            if (o.quick()) {
                return new Settings(Math.max(500_000_000L, o.warmup() * 400_000_000L), o.repetitions(), 2_000_000L);
            }
            return new Settings(o.warmup() * 400_000_000L, o.repetitions(), 20_000_000L);
        }

        public Settings {
            if (warmupNanos < 0 || samples < 1 || minSampleNanos < 0) {
                throw new IllegalArgumentException("bad timer settings: warmup " + warmupNanos + " ns, "
                        + samples + " samples, min sample " + minSampleNanos + " ns");
            }
        }
    }

    /** Times one operation on the calling thread. */
    public static Measurement measure(Settings settings, Supplier<?> op) {
        long t0 = System.nanoTime();
        do {
            sink = op.get();
        } while (System.nanoTime() - t0 < settings.warmupNanos());

        int batch = calibrate(settings.minSampleNanos(), op);
        double[] perOp = new double[settings.samples()];
        for (int s = 0; s < perOp.length; s++) {
            perOp[s] = timeBatch(batch, op) / (double) batch;
        }
        return Measurement.of(perOp, batch, 1);
    }

    /**
     * Times {@code threads} copies of an operation running at once (sweep mode): each sample is the
     * wall time for every thread to run the batch, divided by the total number of operations, so
     * the figure is the time per operation at that parallelism (lower is better; perfect scaling
     * divides the one-thread figure by {@code threads}). {@code opFactory} gives each thread its
     * own operation so no state is shared.
     */
    public static Measurement measureParallel(Settings settings, int threads, Supplier<Supplier<?>> opFactory) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads < 1: " + threads);
        }
        if (threads == 1) {
            return measure(settings, opFactory.get());
        }
        List<Supplier<?>> ops = new ArrayList<>(threads);
        for (int k = 0; k < threads; k++) {
            ops.add(opFactory.get());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-worker");
            t.setDaemon(true);
            return t;
        })) {
            // Warm every thread's copy, then calibrate with all threads running (each op stays on the pool).
            long t0 = System.nanoTime();
            do {
                runAll(pool, ops, 1);
            } while (System.nanoTime() - t0 < settings.warmupNanos());
            int batch = 1;
            while (batch < (1 << 30)) {
                long start = System.nanoTime();
                runAll(pool, ops, batch);
                if (System.nanoTime() - start >= settings.minSampleNanos()) {
                    break;
                }
                batch <<= 1;
            }
            double[] perOp = new double[settings.samples()];
            for (int s = 0; s < perOp.length; s++) {
                long start = System.nanoTime();
                runAll(pool, ops, batch);
                perOp[s] = (System.nanoTime() - start) / (double) (batch * (long) threads);
            }
            return Measurement.of(perOp, batch, threads);
        }
    }

    private static void runAll(ExecutorService pool, List<Supplier<?>> ops, int batch) {
        List<Callable<Object>> tasks = new ArrayList<>(ops.size());
        for (Supplier<?> op : ops) {
            tasks.add(() -> {
                Object last = null;
                for (int b = 0; b < batch; b++) {
                    last = op.get();
                }
                return last;
            });
        }
        try {
            for (Future<Object> f : pool.invokeAll(tasks)) {
                sink = f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("benchmark operation failed: " + e.getCause(), e.getCause());
        }
    }

    /** Smallest power-of-two batch that lasts at least {@code minNanos}. */
    private static int calibrate(long minNanos, Supplier<?> op) {
        int batch = 1;
        while (batch < (1 << 30) && timeBatch(batch, op) < minNanos) {
            batch <<= 1;
        }
        return batch;
    }

    private static long timeBatch(int batch, Supplier<?> op) {
        long start = System.nanoTime();
        for (int b = 0; b < batch; b++) {
            sink = op.get();
        }
        return System.nanoTime() - start;
    }
}
