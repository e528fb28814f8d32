package io.hypertrader.ops.alert;

import java.util.Locale;

/**
 * Where the dispatcher records every delivery attempt and result. Called only on the
 * dispatcher's own journal thread, in order, so an implementation may block (a database lock)
 * without slowing a channel or the caller. Runners journal to DuckDB ({@link LiveStoreAlertJournal});
 * {@code alerts test} prints.
 */
@FunctionalInterface
public interface AlertJournal {

    void record(Delivery d);

    /** What happened to one event on one channel. */
    enum Outcome {
        /** The channel took it. */
        SENT,
        /** An attempt failed and another is scheduled. */
        RETRY,
        /** Given up: a final error, or the last attempt failed. */
        FAILED,
        /** The channel's queue was full: not attempted. */
        DROPPED,
        /** The same event key was accepted within the dedupe window: not sent again. */
        SUPPRESSED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param timeMs  when it was decided, UTC epoch ms
     * @param channel the channel's name ({@code "-"} for SUPPRESSED, which is decided before any channel)
     * @param attempt 1-based attempt number (0 when nothing was attempted)
     * @param detail  the error or the reason, secrets replaced by {@code ***}; "" on success
     */
    record Delivery(long timeMs, AlertEvent event, String channel, int attempt, Outcome outcome, String detail) {

        /** One line: {@code sent channel=desk attempt=1 event=risk_halt severity=critical: <title>[; detail]}. */
        public String describe() {
            return outcome.code() + " channel=" + channel + " attempt=" + attempt + " event=" + event.kind() + " severity="
                    + event.severity().code() + ": " + event.title() + (detail.isEmpty() ? "" : "; " + detail);
        }
    }

    /** Records nothing. */
    AlertJournal NONE = d -> {
    };
}
