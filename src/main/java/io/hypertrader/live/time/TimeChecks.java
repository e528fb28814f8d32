package io.hypertrader.live.time;

import io.hypertrader.core.Coin;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.feed.MarketFeed;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The runner's time checks in one call per loop: the exchange's clock against this machine's
 * ({@link ClockWatch}, at start and hourly) and bars that are due but have not arrived
 * ({@link BarWatch}). Warnings go to {@code warn} (the CLI's stderr) and to the deployment's
 * journal (kinds {@code clock} and {@code feed}).
 */
public final class TimeChecks {

    /** Where the checks journal (a runner's {@code journal(kind, coin, detail)}). */
    @FunctionalInterface
    public interface Journal {
        void write(String kind, String coin, String detail);
    }

    private final ClockWatch clockWatch;
    private final BarWatch bars;
    private final Consumer<String> warn;

    /**
     * @param clockWatch null when the exchange's clock cannot be read (no HTTP transport)
     */
    public TimeChecks(ClockWatch clockWatch, BarWatch bars, Consumer<String> warn) {
        this.clockWatch = clockWatch;
        this.bars = Objects.requireNonNull(bars);
        this.warn = Objects.requireNonNull(warn);
    }

    /**
     * The checks of a plan as {@code run} wires them: skew against {@code server} (2 s, hourly)
     * and a bar grace of {@code max(15 s, 2 polls + 5 s)}, since a runner reads a closed bar at its
     * next poll and the WebSocket feed waits up to 5 s for a quiet market's first trade.
     */
    public static TimeChecks of(TradingPlan plan, ClockWatch.ServerClock server, LongSupplier clock, long pollMs,
                                Consumer<String> warn) {
        long grace = Math.max(BarWatch.DEFAULT_GRACE_MS, 2 * pollMs + 5_000);
        return new TimeChecks(server == null ? null : new ClockWatch(server, clock), new BarWatch(plan.coins(), plan.interval(), grace),
                warn);
    }

    /** The feed the runner must read candles through, so the bar check knows the newest bar the server has. */
    public MarketFeed observe(MarketFeed feed) {
        return bars.observe(feed);
    }

    public BarWatch bars() {
        return bars;
    }

    /**
     * Once per loop: measures the skew when due and warns about overdue bars.
     *
     * @param lastOpen open time of the newest bar the runner has recorded, per coin
     */
    public void check(long nowMs, Map<Coin, Long> lastOpen, Journal journal) {
        if (clockWatch != null) {
            clockWatch.check(nowMs, journal, warn);
        }
        bars.check(nowMs, lastOpen, journal, warn);
    }
}
