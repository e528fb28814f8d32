package io.hypertrader.core;

import java.util.List;
import java.util.Objects;

/**
 * A column-oriented, time-ascending candle series of one coin and interval, the form the replay
 * loop reads (primitive arrays, no per-bar objects). Arrays are owned by the series: do not
 * modify them after construction.
 */
public final class CandleSeries {
    private final Coin coin;
    private final Interval interval;
    private final long[] openTime;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;

    public CandleSeries(Coin coin, Interval interval, long[] openTime, double[] open, double[] high,
                        double[] low, double[] close, double[] volume) {
        this.coin = Objects.requireNonNull(coin, "coin");
        this.interval = Objects.requireNonNull(interval, "interval");
        int n = openTime.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("candle columns differ in length");
        }
        for (int i = 1; i < n; i++) {
            if (openTime[i] <= openTime[i - 1]) {
                throw new IllegalArgumentException("candles not strictly ascending at index " + i
                        + " (open_time_ms " + openTime[i] + " after " + openTime[i - 1] + ")");
            }
        }
        this.openTime = openTime;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
    }

    /** Builds a series from candle records (already validated and sorted). */
    public static CandleSeries of(Coin coin, Interval interval, List<Candle> candles) {
        int n = candles.size();
        long[] t = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) {
            Candle k = candles.get(i);
            t[i] = k.openTime();
            o[i] = k.open();
            h[i] = k.high();
            l[i] = k.low();
            c[i] = k.close();
            v[i] = k.volume();
        }
        return new CandleSeries(coin, interval, t, o, h, l, c, v);
    }

    public Coin coin() { return coin; }
    public Interval interval() { return interval; }
    public int size() { return openTime.length; }
    public long openTime(int i) { return openTime[i]; }
    public double open(int i) { return open[i]; }
    public double high(int i) { return high[i]; }
    public double low(int i) { return low[i]; }
    public double close(int i) { return close[i]; }
    public double volume(int i) { return volume[i]; }

    /** Close time of bar i: its open time plus the interval, minus 1 ms. */
    public long closeTime(int i) { return openTime[i] + interval.millis() - 1; }

    /** The raw columns, for tight loops. Callers must not modify them. */
    public long[] openTimes() { return openTime; }
    public double[] opens() { return open; }
    public double[] highs() { return high; }
    public double[] lows() { return low; }
    public double[] closes() { return close; }
    public double[] volumes() { return volume; }

    /** The bars with index in [from, to). */
    public CandleSeries slice(int from, int to) {
        return new CandleSeries(coin, interval,
                java.util.Arrays.copyOfRange(openTime, from, to), java.util.Arrays.copyOfRange(open, from, to),
                java.util.Arrays.copyOfRange(high, from, to), java.util.Arrays.copyOfRange(low, from, to),
                java.util.Arrays.copyOfRange(close, from, to), java.util.Arrays.copyOfRange(volume, from, to));
    }

    public Candle candle(int i) {
        return new Candle(openTime[i], closeTime(i), open[i], high[i], low[i], close[i], volume[i], -1);
    }
}
