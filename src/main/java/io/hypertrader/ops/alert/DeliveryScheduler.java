package io.hypertrader.ops.alert;

import java.time.Duration;

/**
 * Runs the dispatcher's work off the caller's thread. A lane is a sequence of tasks run one at a
 * time in order (one per channel, one for the journal), so a hung channel holds only its own lane.
 * {@link ThreadedScheduler} gives each lane a daemon thread; tests use a virtual-time scheduler
 * and step it, without sleeping.
 */
public interface DeliveryScheduler {

    /** Runs {@code task} on {@code lane} after {@code delayMs} (0 = as soon as the lane is free). */
    void schedule(String lane, Runnable task, long delayMs);

    /** Stops every lane: tasks not started within {@code grace} are abandoned. */
    void close(Duration grace);
}
