package io.hypertrader.bench;

import java.util.Arrays;

/** Median wall time of a task over repetitions after warm-up. */
public final class Timing {
    private Timing() {
    }

    /** A task with untimed set-up before each timed run. */
    public interface Task {
        default void setUp() throws Exception {
        }

        void run() throws Exception;
    }

    /** Median milliseconds of {@code task.run()} over {@code o.repetitions()} after {@code o.warmup()} runs. */
    public static double medianMillis(BenchOptions o, Task task) {
        try {
            for (int i = 0; i < o.warmup(); i++) {
                task.setUp();
                task.run();
            }
            double[] ms = new double[o.repetitions()];
            for (int i = 0; i < ms.length; i++) {
                task.setUp();
                long t0 = System.nanoTime();
                task.run();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            return median(ms);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark failed: " + e, e);
        }
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
