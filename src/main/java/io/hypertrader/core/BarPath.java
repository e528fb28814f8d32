package io.hypertrader.core;

/**
 * The four points of a bar's price path (docs/simulator.md, "The bar path"): point 0 at the open
 * time at the open, point 1 at a third of the bar at the first extreme, point 2 at two thirds at the
 * second extreme, point 3 at the bar's last millisecond at the close. Which extreme comes first is
 * the run's path mode ({@code sim.PathMode}); this class only places the points.
 *
 * <p>The one owner of these times and prices: the replay's segments (a bar or a detail sub-bar),
 * the quiet-bar fast path ({@code strategy.QuietBar}) and anything else that names a bar's points
 * read them here, so a quiet bar's points are the replay's to the millisecond and the bit.
 */
public final class BarPath {

    /** Points of a bar's path: open, first extreme, second extreme, close. */
    public static final int POINTS = 4;

    private BarPath() {
    }

    /** Time of point {@code j} (0..3) of the bar opening at {@code openTime} and lasting {@code barMs}, UTC ms. */
    public static long time(long openTime, long barMs, int j) {
        return switch (j) {
            case 0 -> openTime;
            case 1 -> openTime + barMs / 3;
            case 2 -> openTime + 2 * barMs / 3;
            default -> closeTime(openTime, barMs);
        };
    }

    /** Time of the bar's last point, its close: its last millisecond. */
    public static long closeTime(long openTime, long barMs) {
        return openTime + barMs - 1;
    }

    /** The extreme the path visits first (point 1): the low when {@code lowFirst}, else the high. */
    public static double firstExtreme(double high, double low, boolean lowFirst) {
        return lowFirst ? low : high;
    }

    /** The extreme the path visits second (point 2): the high when {@code lowFirst}, else the low. */
    public static double secondExtreme(double high, double low, boolean lowFirst) {
        return lowFirst ? high : low;
    }

    /** Price of point {@code j} (0..3) of a bar. */
    public static double price(double open, double high, double low, double close, boolean lowFirst, int j) {
        return switch (j) {
            case 0 -> open;
            case 1 -> firstExtreme(high, low, lowFirst);
            case 2 -> secondExtreme(high, low, lowFirst);
            default -> close;
        };
    }
}
