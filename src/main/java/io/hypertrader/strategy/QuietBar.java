package io.hypertrader.strategy;

import io.hypertrader.core.Coin;

/**
 * One whole bar offered to {@link Strategy#absorbQuietBar}: the price points the strategy would
 * be delivered, in path order, each with the account's trading equity at that point, then the
 * bar itself for {@link Strategy#onBarClose}. The replay reuses one instance per run: read it
 * during the call only.
 *
 * <p>Only the backtest's quiet-bar fast path builds these: it offers a bar when the venue has no
 * order in flight or resting, no funding falls inside the bar and the position is clear of
 * liquidation over the bar's whole range, so the only thing that could happen is the strategy
 * (or its risk guard) acting.
 */
public final class QuietBar {
    private static final int MAX_POINTS = 4;

    private Coin coin;
    private long openTime;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;
    private double position;
    private double entry;
    private int points;
    private final long[] times = new long[MAX_POINTS];
    private final double[] prices = new double[MAX_POINTS];
    private final double[] equities = new double[MAX_POINTS];

    /** Starts a bar (no points yet), with the account's signed position and entry price in it (a quiet bar changes neither). */
    public void begin(Coin coin, long openTime, double open, double high, double low, double close, double volume,
                      double position, double entry) {
        this.position = position;
        this.entry = entry;
        this.coin = coin;
        this.openTime = openTime;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.points = 0;
    }

    /** Appends a price point the strategy would be delivered at {@code timeMs}, with the trading equity there. */
    public void point(long timeMs, double price, double equity) {
        times[points] = timeMs;
        prices[points] = price;
        equities[points] = equity;
        points++;
    }

    public Coin coin() {
        return coin;
    }

    public long openTime() {
        return openTime;
    }

    public double open() {
        return open;
    }

    public double high() {
        return high;
    }

    public double low() {
        return low;
    }

    public double close() {
        return close;
    }

    /** Volume in coins. */
    public double volume() {
        return volume;
    }

    /** The account's signed net position in the coin throughout the bar, coins. */
    public double position() {
        return position;
    }

    /** The position's average entry price, NaN when flat. */
    public double entry() {
        return entry;
    }

    /** Number of price points (1 in close mode, 4 in intrabar mode: open, first extreme, second extreme, close). */
    public int points() {
        return points;
    }

    /** Time of point j, UTC ms. */
    public long time(int j) {
        return times[j];
    }

    /** Price of point j. */
    public double price(int j) {
        return prices[j];
    }

    /** Trading equity (cash plus unrealized P&L, savings excluded) with the mark at point j, USDC. */
    public double equity(int j) {
        return equities[j];
    }
}
