package io.hypertrader.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one way tests wait for something another thread or process does: poll a condition until it
 * holds, failing with what was awaited after a deadline. A wait for a result, never a sleep in
 * place of one: the test goes on the moment the condition holds.
 */
public final class Await {
    /** Long enough for a loaded CI machine; a condition that holds returns at once. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await() {
    }

    /** Waits up to {@link #DEFAULT} for {@code condition}. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, condition, DEFAULT);
    }

    /** Waits up to {@code timeout} for {@code condition}, checking every few milliseconds. */
    public static void until(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(2);
        }
    }
}
