package io.hypertrader.strategy;

import io.hypertrader.core.BarPath;
import io.hypertrader.core.Coin;

/**
 * One whole bar offered to {@link QuietBarAbsorber#absorbQuietBar}: the price points the strategy would
 * be delivered, in path order, each with the account's trading equity at that point, then the
 * bar itself for {@link Strategy#onBarClose}. The replay reuses one instance per run: read it
 * during the call only.
 *
 * <p>Only the backtest's quiet-bar fast path builds these: it offers a bar when the venue has no
 * order in flight or resting, no funding falls inside the bar and the position is clear of
 * liquidation over the bar's whole range, so the only thing that could happen is the strategy
 * (or its risk guard) acting. The points are the replay's, from the one {@link BarPath}: in
 * intrabar mode the open, the first extreme at a third of the bar, the second at two thirds and
 * the close at the bar's last millisecond; in close mode the close alone.
 */
public final class QuietBar {
    private Coin coin;
    private long barMs;
    private boolean intrabar;
    private double position;
    private double entry;

    private long openTime;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;
    private double cash;
    private boolean lowFirst;

    /** What stays the same over a run of quiet bars: the coin, the bar length, the price mode, the position and its entry. */
    public void startRun(Coin coin, long barMs, boolean intrabar, double position, double entry) {
        this.coin = coin;
        this.barMs = barMs;
        this.intrabar = intrabar;
        this.position = position;
        this.entry = entry;
    }

    /**
     * The next bar of the run, with the account's cash during it (after funding at its open) and,
     * in intrabar mode, whether its low comes before its high.
     */
    public void bar(long openTime, double open, double high, double low, double close, double volume, double cash,
                    boolean lowFirst) {
        this.openTime = openTime;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.cash = cash;
        this.lowFirst = lowFirst;
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

    /** Number of price points (1 in close mode; in intrabar mode the {@link BarPath#POINTS}: open, first extreme, second extreme, close). */
    public int points() {
        return intrabar ? BarPath.POINTS : 1;
    }

    /** Time of point j, UTC ms: the replay's ({@link BarPath}). */
    public long time(int j) {
        return intrabar ? BarPath.time(openTime, barMs, j) : BarPath.closeTime(openTime, barMs);
    }

    /** Price of point j: the replay's ({@link BarPath}). */
    public double price(int j) {
        return intrabar ? BarPath.price(open, high, low, close, lowFirst, j) : close;
    }

    /**
     * The lowest trading equity anywhere in the bar's range (at its low when long, its high when
     * short): no point's {@link #equity} is below it.
     */
    public double lowestEquity() {
        return position == 0 ? cash : cash + position * ((position > 0 ? low : high) - entry);
    }

    /** Trading equity (cash plus unrealized P&L, savings excluded) with the mark at point j, USDC. */
    public double equity(int j) {
        // Account.equity()'s arithmetic with the mark at the point
        return position == 0 ? cash : cash + position * (price(j) - entry);
    }
}
