package io.hypertrader.kernel;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.exec.MarketDataSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The market as the kernel's strategies see it: the last price point per coin, and "now", which
 * is the time of the last point in a replay and the wall clock live. It only ever answers about
 * the past.
 */
public final class KernelMarket implements MarketDataSource {
    private final List<Coin> coins;
    private final Interval interval;
    private final LongSupplier clock;
    private final double[] last;
    private long now = Long.MIN_VALUE;

    KernelMarket(List<Coin> coins, Interval interval, LongSupplier clock) {
        this.coins = coins;
        this.interval = interval;
        this.clock = clock;
        this.last = new double[coins.size()];
        Arrays.fill(last, Double.NaN);
    }

    /** Coin c's price is {@code p} at {@code t} (replay time, or the wall time of a live point). */
    public void set(int c, long t, double p) {
        now = t;
        last[c] = p;
    }

    /** The time of the last price point (replay or live), the moment a decision on it was made. */
    public long lastPointTime() {
        return now;
    }

    @Override
    public long now() {
        return clock == null ? now : clock.getAsLong();
    }

    @Override
    public double lastPrice(Coin coin) {
        int i = coins.indexOf(coin);
        return i < 0 ? Double.NaN : last[i];
    }

    @Override
    public Interval interval() {
        return interval;
    }
}
