package io.hypertrader.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Behaviour of the harness (no timing targets: those belong to the benchmark). */
class TimerTest {

    private static final Timer.Settings TINY = new Timer.Settings(0, 3, 0);

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Measurement.of(new double[] {5, 1, 3}, 1, 1).medianNanos()).isEqualTo(3);
        assertThat(Measurement.of(new double[] {4, 1, 3, 2}, 1, 1).medianNanos()).isEqualTo(2.5);
        Measurement m = Measurement.of(new double[] {4, 1, 3, 2}, 8, 2);
        assertThat(m.minNanos()).isEqualTo(1);
        assertThat(m.maxNanos()).isEqualTo(4);
        assertThat(m.batch()).isEqualTo(8);
        assertThat(m.threads()).isEqualTo(2);
    }

    @Test
    void measureRunsWarmUpCalibrationAndEverySample() {
        AtomicInteger calls = new AtomicInteger();
        Measurement m = Timer.measure(TINY, calls::incrementAndGet);
        // one warm-up call, one calibration batch of 1, three samples of 1
        assertThat(calls.get()).isEqualTo(5);
        assertThat(m.samples()).isEqualTo(3);
        assertThat(m.batch()).isEqualTo(1);
        assertThat(m.medianNanos()).isPositive();
    }

    @Test
    void batchGrowsUntilASampleLastsTheMinimum() {
        Measurement m = Timer.measure(new Timer.Settings(0, 3, 2_000_000), () -> Math.sqrt(System.nanoTime()));
        // A square root takes far less than 2 ms, so samples batch many of them.
        assertThat(m.batch()).isGreaterThan(1);
        assertThat(m.medianNanos() * m.batch()).isGreaterThan(0);
    }

    @Test
    void parallelGivesEachThreadItsOwnOperation() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger made = new AtomicInteger();
        Measurement m = Timer.measureParallel(TINY, 3, () -> {
            made.incrementAndGet();
            return () -> threads.add(Thread.currentThread());
        });
        assertThat(made.get()).isEqualTo(3);
        assertThat(threads).hasSize(3);
        assertThat(m.threads()).isEqualTo(3);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new Timer.Settings(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timer.measureParallel(TINY, 0, () -> () -> 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
