package io.hypertrader.live.control;

import io.hypertrader.live.exchange.ActionResult;
import io.hypertrader.live.exchange.ExchangeUnavailableException;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.OutcomeUnknownException;

import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Keeps Hyperliquid's dead man's switch ({@code scheduleCancel}) armed while a runner is alive:
 * the exchange cancels every open order of the account at {@code now + window} unless the runner
 * pushes that time forward first. A runner that hangs or dies therefore leaves no resting orders
 * behind for longer than the window. Used from the runner's thread only.
 *
 * <p>Exchange rules (docs/exchange.md, "Dead-man switch"): the time must be at least 5 s in the future (the
 * window must be at least {@link #MIN_WINDOW_MS}, leaving room for latency); each time the switch
 * fires a counter increments and at most {@value #MAX_TRIGGERS_PER_DAY} triggers per UTC day are
 * honoured. The switch counts the triggers it observes (the clock passed the scheduled time before
 * a refresh) and stops arming for the rest of the UTC day once the limit is reached, saying so.
 *
 * <p>Cost: one signed action per refresh ({@code window - refreshAfter} apart; every 30 s with the
 * defaults), which counts against the address-based action budget.
 */
public final class DeadManSwitch {

    /** Shortest window accepted: the exchange demands 5 s; 10 s leaves room for latency and clock skew. */
    public static final long MIN_WINDOW_MS = 10_000;
    public static final int MAX_TRIGGERS_PER_DAY = 10;
    private static final long DAY = 86_400_000L;

    /** What the switch reports (journal kind "deadman"). */
    public interface Reporter {
        void report(String detail);
    }

    private final HyperliquidExchangeClient exchange;
    private final LongSupplier clock;
    private final long windowMs;
    private final long refreshEveryMs;
    private final Reporter reporter;
    private Long scheduledAt;
    private long triggerDay = Long.MIN_VALUE;
    private int triggersToday;
    private boolean exhaustedReported;
    private long lastFailureAt = Long.MIN_VALUE / 2;

    /**
     * @param windowMs       how far ahead the cancel is scheduled, ms (>= {@link #MIN_WINDOW_MS})
     * @param triggersSoFar  triggers already observed today (from the journal, after a restart)
     */
    public DeadManSwitch(HyperliquidExchangeClient exchange, LongSupplier clock, long windowMs, int triggersSoFar, Reporter reporter) {
        if (windowMs < MIN_WINDOW_MS) {
            throw new IllegalArgumentException("dead-man window must be at least " + MIN_WINDOW_MS + " ms, got " + windowMs);
        }
        this.exchange = Objects.requireNonNull(exchange);
        this.clock = Objects.requireNonNull(clock);
        this.windowMs = windowMs;
        this.refreshEveryMs = windowMs / 2;
        this.reporter = Objects.requireNonNull(reporter);
        this.triggerDay = Math.floorDiv(clock.getAsLong(), DAY);
        this.triggersToday = triggersSoFar;
    }

    /** The scheduled cancel time, or null when none is armed. */
    public Long scheduledAt() {
        return scheduledAt;
    }

    public int triggersToday() {
        return triggersToday;
    }

    /**
     * Arms the switch or pushes it forward when half the window has passed; notices a trigger
     * that happened because this call came too late. Failures are reported and retried on the
     * next call (a few seconds later), never thrown.
     */
    public void maintain() {
        long now = clock.getAsLong();
        long day = Math.floorDiv(now, DAY);
        if (day != triggerDay) {
            triggerDay = day;
            triggersToday = 0;
            exhaustedReported = false;
        }
        if (scheduledAt != null && now >= scheduledAt) {
            triggersToday++;
            reporter.report(String.format(Locale.ROOT, "fired: the runner did not refresh in time (%d ms late); the exchange "
                    + "cancelled every open order of the account (trigger %d of %d today)", now - scheduledAt, triggersToday,
                    MAX_TRIGGERS_PER_DAY));
            scheduledAt = null;
        }
        if (triggersToday >= MAX_TRIGGERS_PER_DAY) {
            if (!exhaustedReported) {
                exhaustedReported = true;
                reporter.report("not armed: " + triggersToday + " triggers today reach the exchange's daily limit of "
                        + MAX_TRIGGERS_PER_DAY + "; orders are unprotected until 00:00 UTC");
            }
            return;
        }
        if (scheduledAt != null && scheduledAt - now > windowMs - refreshEveryMs) {
            return;
        }
        if (now - lastFailureAt < 2_000) {
            return; // do not hammer a refusing exchange on every loop
        }
        long at = now + windowMs;
        try {
            ActionResult r = exchange.scheduleCancel(at);
            if (r.ok()) {
                if (scheduledAt == null) {
                    reporter.report("armed: open orders are cancelled by the exchange if this runner stops refreshing for "
                            + windowMs / 1000 + " s");
                }
                scheduledAt = at;
            } else {
                lastFailureAt = now;
                reporter.report("scheduleCancel refused: " + r.error());
            }
        } catch (OutcomeUnknownException | ExchangeUnavailableException | IllegalArgumentException e) {
            lastFailureAt = now;
            reporter.report("scheduleCancel failed: " + e.getMessage());
        }
    }

    /** Removes the schedule (clean stop). Returns true when the exchange confirmed. */
    public boolean clear() {
        try {
            ActionResult r = exchange.scheduleCancel(null);
            if (r.ok()) {
                scheduledAt = null;
                reporter.report("cleared on a clean stop");
                return true;
            }
            reporter.report("clearing refused: " + r.error());
        } catch (OutcomeUnknownException | ExchangeUnavailableException e) {
            reporter.report("clearing failed: " + e.getMessage() + " (the schedule, if still set, fires at " + scheduledAt + ")");
        }
        return false;
    }
}
