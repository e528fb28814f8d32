package io.hypertrader.live.time;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.feed.ForwardingMarketFeed;
import io.hypertrader.live.feed.MarketFeed;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Says so when a bar is due and has not arrived (issue 10 point 7): against a server whose data
 * ended earlier a runner used to poll on, recording nothing, in silence.
 *
 * <p>A bar opening at {@code o} closes at {@code o + interval - 1} and is due {@code grace} after
 * that, at {@code o + interval + grace}. On each {@link #check} the newest bar that is due by the
 * local clock is compared with the newest bar the runner has recorded; when the runner is behind
 * and has read the coin's bars since the first missing one was due (or nobody read them for
 * another grace period), a warning line names the first missing bar, when it was due, how many are missing and the newest
 * bar the server has sent (seen through {@link #observe}, the runner's own candle reads, so the
 * watch costs no request), and is journaled (kind {@code feed}). It repeats at most once per
 * {@code max(interval, 1 min)} per coin while bars stay missing; when they arrive, one line says
 * so. Time is the runner's (injected) clock, passed in.
 */
public final class BarWatch {

    /** Default tolerance after a bar's close (the WebSocket feed itself waits 5 s for a quiet market). */
    public static final long DEFAULT_GRACE_MS = 15_000;

    private final List<Coin> coins;
    private final Interval interval;
    private final long graceMs;
    private final long repeatMs;
    /** Newest open time the server has sent per coin (forming bars included). */
    private final Map<Coin, Long> newestServed = new ConcurrentHashMap<>();
    /** When (runner's clock) the runner last read the coin's bars. */
    private final Map<Coin, Long> lastReadAt = new ConcurrentHashMap<>();
    private Long firstCheckAt;
    /** The feed behind {@link #observe}, asked for the newest bar when a warning needs it (null: not observed). */
    private MarketFeed source;
    /** Per coin: first missing bar's open time while warning, and when the last warning went out. */
    private final Map<Coin, Long> missingFrom = new HashMap<>();
    private final Map<Coin, Long> warnedAt = new HashMap<>();

    public BarWatch(List<Coin> coins, Interval interval, long graceMs) {
        if (graceMs < 0) {
            throw new IllegalArgumentException("grace must be >= 0, got " + graceMs);
        }
        this.coins = List.copyOf(coins);
        this.interval = Objects.requireNonNull(interval);
        this.graceMs = graceMs;
        this.repeatMs = Math.max(interval.millis(), 60_000);
    }

    public long graceMs() {
        return graceMs;
    }

    /** The same feed, remembering the newest bar each candle read returned; every other call goes straight through. */
    public MarketFeed observe(MarketFeed feed) {
        Objects.requireNonNull(feed);
        this.source = feed;
        return new Observed(feed);
    }

    /** The feed {@link #observe} hands the runner: everything forwarded, candle reads remembered. */
    final class Observed extends ForwardingMarketFeed {

        Observed(MarketFeed feed) {
            super(feed);
        }

        @Override
        public List<Candle> recentCandles(Coin coin, Interval iv, int count, long nowMs) throws TransportException {
            List<Candle> got = feed.recentCandles(coin, iv, count, nowMs);
            if (iv == interval) {
                served(coin, got.isEmpty() ? null : got.get(got.size() - 1).openTime(), nowMs);
            }
            return got;
        }
    }

    /** Records a read of the coin's bars at {@code readAtMs} whose newest bar opened at {@code openTime} (null: none). */
    public void served(Coin coin, Long openTime, long readAtMs) {
        if (openTime != null) {
            newestServed.merge(coin, openTime, Math::max);
        }
        lastReadAt.merge(coin, readAtMs, Math::max);
    }

    /** Open time of the newest bar that is due at {@code nowMs} (closed at least {@code grace} ago). */
    long newestDue(long nowMs) {
        long iv = interval.millis();
        return Math.floorDiv(nowMs - graceMs, iv) * iv - iv;
    }

    /**
     * Compares what is due with what the runner recorded ({@code lastOpen}: open time of the
     * newest recorded bar per coin) and warns about missing bars.
     */
    public void check(long nowMs, Map<Coin, Long> lastOpen, TimeChecks.Journal journal, Consumer<String> warn) {
        if (firstCheckAt == null) {
            firstCheckAt = nowMs;
        }
        long iv = interval.millis();
        long due = newestDue(nowMs);
        for (Coin coin : coins) {
            Long have = lastOpen.get(coin);
            if (have != null && have >= due) {
                Long from = missingFrom.remove(coin);
                warnedAt.remove(coin);
                if (from != null) {
                    String line = String.format("feed: %s %s bars arrived again: the newest recorded opened at %s, %d s after %s was due",
                            coin, interval.code(), Instant.ofEpochMilli(have), (nowMs - dueAt(from)) / 1000, Instant.ofEpochMilli(from));
                    journal.write("feed", coin.name(), line);
                    warn.accept(line);
                }
                continue;
            }
            long first = have == null ? due : have + iv;
            // A missing bar is reported once the runner asked for it after it was due and did not get it, or when
            // nobody asked for another grace period (a runner that stopped reading is just as silent).
            Long readAt = lastReadAt.get(coin);
            boolean askedSinceDue = readAt != null && readAt >= dueAt(first);
            boolean unasked = nowMs >= Math.max(dueAt(first), firstCheckAt) + graceMs;
            if (!askedSinceDue && !unasked) {
                continue;
            }
            missingFrom.putIfAbsent(coin, first);
            Long last = warnedAt.get(coin);
            if (last != null && nowMs - last < repeatMs) {
                continue;
            }
            warnedAt.put(coin, nowMs);
            long missing = (due - first) / iv + 1;
            String line = String.format("warning: feed: %s %s bar %s (closing %s) was due at %s and has not arrived; %s; %s", coin,
                    interval.code(), Instant.ofEpochMilli(first), Instant.ofEpochMilli(first + iv - 1), Instant.ofEpochMilli(dueAt(first)),
                    have == null ? "no " + coin + " " + interval.code() + " bar is recorded yet" : missing + " bar" + (missing == 1 ? "" : "s")
                            + " missing", newestOnServer(coin, first, nowMs));
            journal.write("feed", coin.name(), line.substring("warning: ".length()));
            warn.accept(line);
        }
    }

    /**
     * What the server has: the newest bar the runner's reads saw, or, when they saw none as new as
     * the missing bar, one look-up over the last day of bars (at least 100; weight about 44 for
     * 1m bars, made only when a warning is printed, at most once a minute per coin).
     */
    private String newestOnServer(Coin coin, long first, long nowMs) {
        Long served = newestServed.get(coin);
        String failed = null;
        int lookback = (int) Math.min(5000, Math.max(100, 86_400_000L / interval.millis()));
        if ((served == null || served < first) && source != null) {
            try {
                List<Candle> got = source.recentCandles(coin, interval, lookback, nowMs);
                if (!got.isEmpty()) {
                    newestServed.merge(coin, got.get(got.size() - 1).openTime(), Math::max);
                    served = newestServed.get(coin);
                }
            } catch (TransportException | RuntimeException e) {
                failed = e.getMessage();
            }
        }
        if (served == null) {
            return failed != null ? "the server's newest bar could not be read (" + failed + ")"
                    : "the server has no " + coin + " " + interval.code() + " bar in the last " + lookback + " intervals";
        }
        return "the newest bar the server has opened at " + Instant.ofEpochMilli(served)
                + (served > first ? " (the server has closed the bar: the runner has not recorded it)"
                : served == first ? " (still forming there: the server's clock or data lag this machine's)" : "");
    }

    private long dueAt(long open) {
        return open + interval.millis() + graceMs;
    }
}
