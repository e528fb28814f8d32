package io.hypertrader.ops.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers alerts without ever making the caller wait. {@link #submit} checks the dedupe window and
 * hands the event to each interested channel's lane (a bounded queue on the channel's own thread)
 * and returns; a slow, hung or failing channel delays nothing but its own later alerts. Failed
 * attempts are retried on the lane with {@link RetryPolicy}'s backoff; a lane holding
 * {@code queueCapacity} unfinished deliveries drops new ones. Every attempt and result, every drop
 * and every suppressed duplicate is handed to the {@link AlertJournal} on a journal lane of its own,
 * with the channels' secrets masked.
 *
 * <p>Thread-safe: runners, sockets and the web server may submit from any thread.
 */
public final class AlertDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final String JOURNAL_LANE = "journal";
    /** Journal records waiting beyond this are logged and dropped (the database is gone or locked for long). */
    private static final int JOURNAL_CAPACITY = 10_000;

    /** What {@link #submit} did with an event. */
    public enum Submitted {
        /** Handed to at least one channel (a full channel drops it: see the journal). */
        QUEUED,
        /** The same key was accepted within the dedupe window. */
        DUPLICATE,
        /** No channel wants this kind or severity. */
        NO_CHANNEL,
        /** The dispatcher is closed. */
        CLOSED
    }

    /** Delivery settings of alerts.yaml. */
    public record Settings(Duration dedupeWindow, int queueCapacity, RetryPolicy retry) {
        public static Settings of(AlertsConfig c) {
            return new Settings(c.dedupeWindow(), c.queueCapacity(), c.retry());
        }
    }

    /** Per-channel counters since start. */
    public record ChannelStats(String channel, long sent, long failed, long dropped, int inFlight) {
    }

    private final class Lane {
        final AlertChannel channel;
        final String laneName;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();

        Lane(AlertChannel channel) {
            this.channel = channel;
            this.laneName = "channel-" + channel.name();
        }
    }

    private final List<Lane> lanes = new ArrayList<>();
    private final AlertJournal journal;
    private final Settings settings;
    private final InstantSource clock;
    private final DeliveryScheduler scheduler;
    private final List<String> secrets = new ArrayList<>();
    private final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();
    private final AtomicInteger journalBacklog = new AtomicInteger();
    private final AtomicLong suppressed = new AtomicLong();
    private final Object idle = new Object();
    private int pending; // guarded by idle: delivery chains and journal records not finished
    private volatile boolean closed;

    public AlertDispatcher(List<AlertChannel> channels, AlertJournal journal, Settings settings, InstantSource clock,
                           DeliveryScheduler scheduler) {
        for (AlertChannel c : channels) {
            lanes.add(new Lane(c));
            for (String s : c.secrets()) {
                if (s != null && s.length() >= 4) {
                    secrets.add(s);
                }
            }
        }
        // Longest first, so a URL is masked whole before its path would be.
        secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** A dispatcher on threads and the wall clock: what runners and the CLI use. */
    public static AlertDispatcher start(AlertsConfig config, List<AlertChannel> channels, AlertJournal journal) {
        return new AlertDispatcher(channels, journal, Settings.of(config), InstantSource.system(), new ThreadedScheduler());
    }

    /** Queues {@code e} for every channel that wants it and returns at once. */
    public Submitted submit(AlertEvent e) {
        if (closed) {
            return Submitted.CLOSED;
        }
        long now = clock.millis();
        long window = settings.dedupeWindow().toMillis();
        boolean[] duplicate = {false};
        lastAccepted.compute(e.dedupeKey(), (k, prev) -> {
            if (prev != null && now - prev < window) {
                duplicate[0] = true;
                return prev;
            }
            return now;
        });
        if (duplicate[0]) {
            suppressed.incrementAndGet();
            journal(new AlertJournal.Delivery(now, e, "-", 0, AlertJournal.Outcome.SUPPRESSED,
                    "same key accepted less than " + settings.dedupeWindow().toSeconds() + " s ago"));
            return Submitted.DUPLICATE;
        }
        if (lastAccepted.size() > 10_000) {
            lastAccepted.values().removeIf(t -> now - t >= window);
        }
        boolean any = false;
        for (Lane lane : lanes) {
            if (!lane.channel.accepts(e)) {
                continue;
            }
            any = true;
            if (lane.inFlight.incrementAndGet() > settings.queueCapacity()) {
                lane.inFlight.decrementAndGet();
                lane.dropped.incrementAndGet();
                journal(new AlertJournal.Delivery(now, e, lane.channel.name(), 0, AlertJournal.Outcome.DROPPED,
                        "channel queue full (" + settings.queueCapacity() + " unfinished deliveries)"));
                continue;
            }
            begin();
            scheduler.schedule(lane.laneName, () -> attempt(lane, e, 1), 0);
        }
        return any ? Submitted.QUEUED : Submitted.NO_CHANNEL;
    }

    private void attempt(Lane lane, AlertEvent e, int n) {
        String name = lane.channel.name();
        try {
            lane.channel.send(e);
            lane.sent.incrementAndGet();
            journal(new AlertJournal.Delivery(clock.millis(), e, name, n, AlertJournal.Outcome.SENT, ""));
            finish(lane);
        } catch (DeliveryException ex) {
            failed(lane, e, n, redact(ex.getMessage()), ex.retryable(), ex.retryAfterMs());
        } catch (RuntimeException ex) {
            failed(lane, e, n, redact(ex.toString()), true, 0);
        }
    }

    private void failed(Lane lane, AlertEvent e, int n, String why, boolean retryable, long retryAfterMs) {
        String name = lane.channel.name();
        if (retryable && n < settings.retry().maxAttempts() && !closed) {
            long wait = settings.retry().backoffMs(n, retryAfterMs);
            journal(new AlertJournal.Delivery(clock.millis(), e, name, n, AlertJournal.Outcome.RETRY,
                    why + "; attempt " + (n + 1) + " in " + wait + " ms"));
            scheduler.schedule(lane.laneName, () -> attempt(lane, e, n + 1), wait);
            return;
        }
        lane.failed.incrementAndGet();
        String end = !retryable ? "not retried" : closed ? "dispatcher closing" : "gave up after " + n + " attempts";
        LOG.warn("alert {} to channel {} failed: {} ({})", e.kind(), name, why, end);
        journal(new AlertJournal.Delivery(clock.millis(), e, name, n, AlertJournal.Outcome.FAILED, why + "; " + end));
        finish(lane);
    }

    private void journal(AlertJournal.Delivery d) {
        if (journalBacklog.incrementAndGet() > JOURNAL_CAPACITY) {
            journalBacklog.decrementAndGet();
            LOG.warn("alert journal backlog full; not journaled: {}", d.describe());
            return;
        }
        begin();
        scheduler.schedule(JOURNAL_LANE, () -> {
            try {
                journal.record(d);
            } catch (RuntimeException ex) {
                LOG.warn("alert journal failed ({}); the record was: {}", redact(ex.toString()), d.describe());
            } finally {
                journalBacklog.decrementAndGet();
                end();
            }
        }, 0);
    }

    private void finish(Lane lane) {
        lane.inFlight.decrementAndGet();
        end();
    }

    private void begin() {
        synchronized (idle) {
            pending++;
        }
    }

    private void end() {
        synchronized (idle) {
            pending--;
            if (pending == 0) {
                idle.notifyAll();
            }
        }
    }

    /** Masks every channel secret in {@code text}. */
    String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }

    /**
     * Waits until every queued delivery has succeeded or failed for good and every record is
     * journaled, or the timeout passes (for {@code alerts test} and shutdown; never on a trading thread).
     *
     * @return whether everything finished
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Counters per channel, in configuration order. */
    public List<ChannelStats> stats() {
        List<ChannelStats> out = new ArrayList<>();
        for (Lane l : lanes) {
            out.add(new ChannelStats(l.channel.name(), l.sent.get(), l.failed.get(), l.dropped.get(), l.inFlight.get()));
        }
        return out;
    }

    /** Events suppressed as duplicates since start. */
    public long suppressed() {
        return suppressed.get();
    }

    /** The channels by name, in configuration order. */
    public Map<String, AlertChannel> channels() {
        Map<String, AlertChannel> m = new LinkedHashMap<>();
        lanes.forEach(l -> m.put(l.channel.name(), l.channel));
        return m;
    }

    /** Stops accepting, lets running deliveries and the journal finish for up to 5 s, then stops the lanes. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    public void close(Duration grace) {
        closed = true;
        try {
            if (!awaitIdle(grace)) {
                LOG.warn("alert dispatcher closed with deliveries unfinished: {}", stats());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close(Duration.ofMillis(100));
        lanes.forEach(l -> l.channel.close());
    }
}
