package io.hypertrader.sim;

import io.hypertrader.core.Side;
import io.hypertrader.sim.model.FillModel;

/**
 * The liquidity of each coin's current path segment (docs/simulator.md, "Partial fills"): a bar's
 * volume is split evenly over its three segments, the fill model turns a segment's volume into
 * what orders may take from it, and every taker fill and resting limit fill draws it down. Each
 * segment with fresh liquidity gets a new id, so a resting limit fills at most once per segment
 * and a cancel reason can name the order that drew the segment dry.
 */
final class SegmentLiquidity {

    private final FillModel fill;
    private final PricePath path;

    /** The id of coin c's current segment (ids are venue-wide, increasing). */
    final long[] segmentId;
    /** What is left to take from coin c's current segment (coins; infinite when the model sets no cap). */
    final double[] left;
    /** A third of the current bar's (or sub-bar's) volume: each segment's volume. */
    private final double[] segmentVolume;
    /** The last order that drew liquidity from a segment of coin c, and that segment's id (for cancel reasons only). */
    private final long[] lastTaker;
    private final long[] lastTakerSegment;
    private long nextSegmentId = 1;

    SegmentLiquidity(int coins, FillModel fill, PricePath path) {
        this.fill = fill;
        this.path = path;
        segmentId = new long[coins];
        left = new double[coins];
        segmentVolume = new double[coins];
        lastTaker = new long[coins];
        lastTakerSegment = new long[coins];
        java.util.Arrays.fill(lastTakerSegment, -1);
    }

    /** A bar (or detail sub-bar) of {@code volume} starts: its first segment's liquidity is a third of it. */
    void beginBar(int c, double volume) {
        segmentVolume[c] = volume / 3.0;
        left[c] = fill.segmentCapacity(segmentVolume[c]);
        segmentId[c] = nextSegmentId++;
    }

    /** The bar's next segment: fresh liquidity, a new id. */
    void freshSegment(int c) {
        left[c] = fill.segmentCapacity(segmentVolume[c]);
        segmentId[c] = nextSegmentId++;
    }

    /** What the fill model lets the current segment give in all (before any draw). */
    double capacity(int c) {
        return fill.segmentCapacity(segmentVolume[c]);
    }

    /** Order {@code orderId} took {@code size} from coin c's current segment. */
    void draw(int c, long orderId, double size) {
        if (Double.isFinite(left[c])) {
            left[c] = Math.max(0, left[c] - size);
            lastTaker[c] = orderId;
            lastTakerSegment[c] = segmentId[c];
        }
    }

    /** {@code bars} quiet bars passed without their segments: their ids are used up all the same, three a bar. */
    void skipQuietBars(int bars) {
        nextSegmentId += 3L * bars;
    }

    /** A run of quiet bars ended with a bar of {@code volume}: its last segment is current, undrawn. */
    void endQuietBars(int c, double volume) {
        segmentVolume[c] = volume / 3.0;
        left[c] = fill.segmentCapacity(segmentVolume[c]);
        segmentId[c] = nextSegmentId - 1;
    }

    /**
     * Why an order found no (more) liquidity in this path segment, naming the order of the same
     * segment that drew it when there was one (a strategy's order and a risk stop at the same
     * point share one segment's liquidity).
     */
    String noLiquidity(int c, long orderId) {
        String base = "no liquidity left in this path segment (participation cap)";
        long by = lastTakerSegment[c] == segmentId[c] ? lastTaker[c] : -1;
        return by >= 0 && by != orderId ? base + ": order " + by + " took the segment's liquidity" : base;
    }

    /**
     * The share of the current segment's volume traded at or beyond {@code x} on the side a resting
     * {@code side} limit at x fills from (at or below x for a buy, at or above for a sell): the wick
     * model. The segment runs linearly from its start to its end, and one of the two is its extreme on
     * that side. Near an extreme a price path spends little time: for Brownian motion the expected
     * occupation density (local time) at a distance u below the running maximum grows linearly from
     * zero, E[L(m - u)] = 2u (the Ray-Knight theorem; Revuz and Yor, Continuous Martingales and
     * Brownian Motion, ch. XI), so the volume traded within d of the extreme is the square of d's
     * share of the segment's range: ((x - extreme) / range)^2, at most 1. A limit at a wick's tip,
     * one tick through it, gets almost nothing; one halfway up the wick a quarter.
     */
    double beyondShare(int c, double x, Side side) {
        double p0 = path.segmentStartPrice[c];
        double p1 = path.segmentEndPrice[c];
        double range = Math.abs(p1 - p0);
        if (!(range > 0)) {
            return 1;
        }
        double d = side == Side.BUY ? x - Math.min(p0, p1) : Math.max(p0, p1) - x;
        double f = Math.max(0, Math.min(1, d / range));
        return f * f;
    }
}
