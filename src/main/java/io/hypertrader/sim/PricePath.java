package io.hypertrader.sim;

/**
 * Each coin's piecewise-linear price path (docs/simulator.md, "The bar path"): the current point
 * and, while a segment is under way, the straight line from it to the segment's end. The driver
 * moves the point forward ({@link SimulatedVenue#jump}, {@link SimulatedVenue#advance}); latency,
 * funding inside a segment and resting orders read the price at a time from here.
 *
 * <p>Per coin index, in primitive arrays: they are read at every path point.
 */
final class PricePath {

    /** Time and price of coin c's current point ({@link Long#MIN_VALUE} and NaN before the first). */
    final long[] time;
    final double[] price;
    /** Where coin c's current segment started (its price) and ends (time, price). */
    final double[] segmentStartPrice;
    final long[] segmentEndTime;
    final double[] segmentEndPrice;
    /** True while coin c is inside a segment (from beginSegment until the next jump). */
    final boolean[] inSegment;

    PricePath(int coins) {
        time = new long[coins];
        price = new double[coins];
        segmentStartPrice = new double[coins];
        segmentEndTime = new long[coins];
        segmentEndPrice = new double[coins];
        inSegment = new boolean[coins];
        java.util.Arrays.fill(time, Long.MIN_VALUE);
        java.util.Arrays.fill(price, Double.NaN);
    }

    /** Coin c's path jumps to (t, p), outside any segment (a bar's open). */
    void jump(int c, long t, double p) {
        inSegment[c] = false;
        time[c] = t;
        price[c] = p;
    }

    /** The path runs linearly from the current point to (t1, p1). */
    void beginSegment(int c, long t1, double p1) {
        segmentEndTime[c] = t1;
        segmentEndPrice[c] = p1;
        segmentStartPrice[c] = price[c];
        inSegment[c] = true;
    }

    /** Path price of coin c at time t on the current segment (the current price outside one). */
    double priceAt(int c, long t) {
        long t0 = time[c];
        long t1 = segmentEndTime[c];
        if (!inSegment[c] || t1 <= t0 || t <= t0) {
            return price[c];
        }
        double p1 = segmentEndPrice[c];
        if (t >= t1) {
            return p1;
        }
        double p0 = price[c];
        return p0 + (p1 - p0) * ((double) (t - t0) / (t1 - t0));
    }

    /**
     * The path as a run of quiet bars leaves it: the last bar's last segment ended at
     * ({@code t1}, {@code close}), which is the current point.
     */
    void endQuietBars(int c, long t1, double close) {
        segmentEndTime[c] = t1;
        segmentEndPrice[c] = close;
        inSegment[c] = true;
        time[c] = t1;
        price[c] = close;
    }
}
