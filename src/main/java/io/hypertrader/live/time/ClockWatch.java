package io.hypertrader.live.time;

import io.hypertrader.live.exchange.TransportException;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Compares this machine's clock with the exchange's, at start and then hourly (issue 10 point 7):
 * bar closes and order windows come from the local clock, so a clock that is off makes the runner
 * read bars early or late without saying so.
 *
 * <p>The exchange's clock is the HTTP {@code Date} header of an info answer (whole seconds). The
 * answer was produced at some local time between sending the request ({@code t0}) and receiving
 * it ({@code t1}), when the server's clock read between {@code D} and {@code D + 1 s}; so the skew
 * (server minus local) is estimated as {@code D + 500 - (t0 + t1) / 2}, give or take
 * {@code 500 + (t1 - t0) / 2} ms. Above {@link #DEFAULT_THRESHOLD_MS} (2 s) by that estimate the
 * watch prints a warning line and journals it (kind {@code clock}); the first measurement of a
 * session is journaled whatever it says, as is the return within the limit after a warning.
 */
public final class ClockWatch {

    /** Skew above which the runner warns. */
    public static final long DEFAULT_THRESHOLD_MS = 2_000;
    /** How often the skew is measured after the start. */
    public static final long DEFAULT_EVERY_MS = 3_600_000;
    /** When a measurement failed (exchange unreadable), the next try. */
    static final long RETRY_MS = 60_000;

    /** The exchange's clock: the Date header of a fresh answer as epoch ms, or null when it sends none. */
    @FunctionalInterface
    public interface ServerClock {
        Long dateMs() throws TransportException;
    }

    /** A measured skew: server minus local, ms, and how far off that estimate may be. */
    public record Skew(long offsetMs, long uncertaintyMs) {
        /** From the Date header {@code dateMs} of an answer to a request sent at {@code sentMs} and received at {@code receivedMs}. */
        public static Skew of(long dateMs, long sentMs, long receivedMs) {
            long rtt = Math.max(0, receivedMs - sentMs);
            return new Skew(dateMs + 500 - (sentMs + rtt / 2), 500 + (rtt + 1) / 2);
        }

        /** E.g. "the exchange's clock is 5.5 s ahead of this machine's (+-0.5 s)". */
        public String describe() {
            String dir = offsetMs >= 0 ? "ahead of" : "behind";
            return String.format(Locale.ROOT, "the exchange's clock is %.1f s %s this machine's (+-%.1f s)", Math.abs(offsetMs) / 1000.0,
                    dir, uncertaintyMs / 1000.0);
        }
    }

    private final ServerClock server;
    private final LongSupplier clock;
    private final long thresholdMs;
    private final long everyMs;
    private long nextAt = Long.MIN_VALUE;
    private boolean measured;
    private boolean warned;
    private boolean noDateReported;

    /**
     * @param clock the runner's (local) clock, read around each request
     */
    public ClockWatch(ServerClock server, LongSupplier clock, long thresholdMs, long everyMs) {
        if (thresholdMs <= 0 || everyMs <= 0) {
            throw new IllegalArgumentException("clock watch threshold and period must be positive");
        }
        this.server = Objects.requireNonNull(server);
        this.clock = Objects.requireNonNull(clock);
        this.thresholdMs = thresholdMs;
        this.everyMs = everyMs;
    }

    /** 2 s, hourly. */
    public ClockWatch(ServerClock server, LongSupplier clock) {
        this(server, clock, DEFAULT_THRESHOLD_MS, DEFAULT_EVERY_MS);
    }

    /**
     * Measures when due (the first call, then every hour); reports to {@code journal} (kind
     * {@code clock}) and, above the threshold, to {@code warn}. Never throws for an unreadable
     * exchange: that is journaled and retried a minute later.
     *
     * @return the skew measured by this call, if one was
     */
    public Optional<Skew> check(long nowMs, TimeChecks.Journal journal, Consumer<String> warn) {
        if (nowMs < nextAt) {
            return Optional.empty();
        }
        nextAt = nowMs + everyMs;
        long t0 = clock.getAsLong();
        Long date;
        try {
            date = server.dateMs();
        } catch (TransportException | RuntimeException e) {
            nextAt = nowMs + RETRY_MS;
            journal.write("clock", null, "skew not measured: the exchange did not answer (" + e.getMessage() + "); retry in "
                    + RETRY_MS / 1000 + " s");
            return Optional.empty();
        }
        long t1 = clock.getAsLong();
        if (date == null) {
            if (!noDateReported) {
                noDateReported = true;
                journal.write("clock", null, "skew not measured: the exchange's answer carries no Date header");
            }
            return Optional.empty();
        }
        Skew s = Skew.of(date, t0, t1);
        boolean off = Math.abs(s.offsetMs()) > thresholdMs;
        String limit = String.format(Locale.ROOT, "limit %.1f s", thresholdMs / 1000.0);
        if (off) {
            String line = "clock: " + s.describe() + ", over the " + limit + "; bars close and orders are timed by this"
                    + " machine's clock: synchronise it (NTP)";
            journal.write("clock", null, line);
            warn.accept("warning: " + line);
        } else if (!measured || warned) {
            journal.write("clock", null, (warned ? "back in step: " : "in step: ") + s.describe() + ", within the " + limit);
        }
        measured = true;
        warned = off;
        return Optional.of(s);
    }
}
