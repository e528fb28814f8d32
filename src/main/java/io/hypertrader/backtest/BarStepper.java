package io.hypertrader.backtest;

import io.hypertrader.core.BarPath;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.exec.EventLog;
import io.hypertrader.kernel.TradingKernel;
import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimulatedVenue;
import io.hypertrader.strategy.Strategy;

import java.util.Map;

/**
 * The replay of one step (one open time) point by point: for every coin with a bar at that time,
 * phase by phase, the open (a jump), then the three path segments (open to first extreme, to the
 * second, to the close; see {@link BarPath}). Inside a segment it stops at venue events (orders
 * arriving, resting orders crossed) and, in intrabar mode, at the exact crossing of the
 * strategy's trigger prices. Coins are interleaved per phase, so a portfolio shares one clock to
 * within a third of a bar. With detail candles ({@code --detail}) a bar is replayed through its
 * sub-bars' paths instead.
 *
 * <p>It keeps where each coin is in its series ({@link #barIndex}) and the latest bar close
 * reached ({@link #lastTime}); the quiet-bar fast path moves both when it takes bars whole.
 */
final class BarStepper {

    private final int n;
    private final CandleSeries[] series;
    private final SimulatedVenue venue;
    private final Account account;
    private final TradingKernel kernel;
    private final Strategy[] owner;
    private final Coin[] coinOf;
    /** Per coin: the strategy wants every price point (intrabar mode), not only bar closes. */
    private final boolean[] intrabar;
    private final PathMode path;
    /** Per coin: each bar's Parkinson variance, or null when no model reads the market state. */
    private final double[][] variance;
    private final long barMs;
    private final long[] steps;
    private final ResultColumns columns;

    /** Per coin: the index of its next bar in its series. */
    final int[] barIndex;
    /** The latest bar close reached, UTC ms (the run's end time). */
    long lastTime = Long.MIN_VALUE;
    /**
     * The current bar was begun by the fast path (its window pushed, funding at its open paid:
     * {@link SimulatedVenue#pushMarketWindow}, {@link SimulatedVenue#quietOpen}), which then gave
     * it up: {@link #step} carries on from there.
     */
    boolean barBegun;

    /** The coins with a bar at the current step, and how many. */
    private final int[] active;
    /** Per coin, the current bar's path points 1..3 (see {@link BarPath}): times and the two extremes. */
    private final long[] firstExtremeTime;
    private final long[] secondExtremeTime;
    private final long[] closeTime;
    private final double[] firstExtreme;
    private final double[] secondExtreme;

    /** Detail candles per coin ({@code --detail}; null: none), their length and count per bar. */
    private final CandleSeries[] detail;
    private final long[] subMs;
    private final int[] subBars;
    /** Per coin: the first detail candle not before the current bar; this step's first sub-bar, or -1. */
    private final int[] detailNext;
    private final int[] detailAt;
    /** Per coin: segments of this step done (detailed steps), and the current sub-bar's two extremes. */
    private final int[] segmentsDone;
    private final double[] subFirstExtreme;
    private final double[] subSecondExtreme;
    /** Bars replayed through their detail candles, and bars with detail missing (replayed on their own path). */
    int detailBars;
    int detailFallbackBars;

    BarStepper(CandleSeries[] series, Map<Coin, CandleSeries> details, SimulatedVenue venue, Account account,
               TradingKernel kernel, Strategy[] owner, Coin[] coinOf, boolean[] intrabar, PathMode path,
               double[][] variance, long[] steps, ResultColumns columns, EventLog log) {
        this.n = series.length;
        this.series = series;
        this.venue = venue;
        this.account = account;
        this.kernel = kernel;
        this.owner = owner;
        this.coinOf = coinOf;
        this.intrabar = intrabar;
        this.path = path;
        this.variance = variance;
        this.barMs = series[0].interval().millis();
        this.steps = steps;
        this.columns = columns;
        barIndex = new int[n];
        active = new int[n];
        firstExtremeTime = new long[n];
        secondExtremeTime = new long[n];
        closeTime = new long[n];
        firstExtreme = new double[n];
        secondExtreme = new double[n];
        detail = new CandleSeries[n];
        subMs = new long[n];
        subBars = new int[n];
        detailNext = new int[n];
        detailAt = new int[n];
        segmentsDone = new int[n];
        subFirstExtreme = new double[n];
        subSecondExtreme = new double[n];
        for (int c = 0; c < n; c++) {
            detail[c] = details.get(coinOf[c]);
            if (detail[c] != null) {
                subMs[c] = detail[c].interval().millis();
                subBars[c] = (int) (barMs / subMs[c]);
                // the detail is part of the run: in its event log (so in its hash and run id);
                // a run without detail logs nothing here and stays bit-identical
                log.begin('D').l(c).l(subMs[c]).l(detail[c].size());
            }
        }
    }

    /**
     * One replay step (one open time): a method of its own so the JIT compiles it after a few
     * thousand steps, i.e. within the first runs, instead of waiting for thousands of calls
     * of the run loop (the whole run was one loop: only on-stack replacement reached it).
     */
    void step(int k) {
        long t = steps[k];
        int na = 0;
        for (int c = 0; c < n; c++) {
            if (barIndex[c] < series[c].size() && series[c].openTime(barIndex[c]) == t) {
                active[na++] = c;
            }
        }
        boolean detailed = false;
        for (int a = 0; a < na; a++) {
            int c = active[a];
            detailAt[c] = detail[c] == null ? -1 : subBarsOf(c, t);
            if (detail[c] != null) {
                if (detailAt[c] >= 0) {
                    detailBars++;
                    detailed = true;
                } else {
                    detailFallbackBars++;
                }
            }
        }
        // open
        for (int a = 0; a < na; a++) {
            int c = active[a];
            CandleSeries s = series[c];
            int i = barIndex[c];
            double o = s.open(i), h = s.high(i), l = s.low(i), cl = s.close(i);
            if (!barBegun) {
                venue.pushMarketWindow(c, cl, s.volume(i), variance[c] == null ? 0 : variance[c][i]);
            }
            // a detailed bar's segments draw on its sub-bars' volumes (the ADV above stays the bar's)
            venue.beginBarLiquidity(c, detailAt[c] >= 0 ? detail[c].volume(detailAt[c]) : s.volume(i));
            boolean lowFirst = path.lowFirst(o, cl, account.position(c));
            firstExtremeTime[c] = BarPath.time(t, barMs, 1);
            secondExtremeTime[c] = BarPath.time(t, barMs, 2);
            closeTime[c] = BarPath.closeTime(t, barMs);
            firstExtreme[c] = BarPath.firstExtreme(h, l, lowFirst);
            secondExtreme[c] = BarPath.secondExtreme(h, l, lowFirst);
            venue.jump(c, t, o);
            if (intrabar[c]) {
                deliver(c, t, o);
            }
        }
        if (detailed) {
            detailedSegments(na, t);
            for (int a = 0; a < na; a++) {
                int c = active[a];
                closeBar(c, closeTime[c]);
            }
            barBegun = false;
            columns.record(k, t);
            return;
        }
        // three segments, phase by phase
        for (int a = 0; a < na; a++) {
            int c = active[a];
            segment(c, firstExtremeTime[c], firstExtreme[c], false, intrabar[c]);
        }
        for (int a = 0; a < na; a++) {
            int c = active[a];
            segment(c, secondExtremeTime[c], secondExtreme[c], true, intrabar[c]);
        }
        for (int a = 0; a < na; a++) {
            int c = active[a];
            segment(c, closeTime[c], series[c].close(barIndex[c]), true, true);
        }
        for (int a = 0; a < na; a++) {
            int c = active[a];
            closeBar(c, closeTime[c]);
        }
        barBegun = false;
        columns.record(k, t);
    }

    /**
     * Step k of the one coin, in close mode, whose path the fast path took to the close because
     * nothing could happen before it: the rest of {@link #step} from there (the close point to
     * the strategy, the bar close, the result row).
     */
    void finishAtClose(int k, double close) {
        final int c = 0;
        long t = steps[k];
        long t3 = BarPath.closeTime(t, barMs);
        deliver(c, t3, close);
        closeBar(c, t3);
        barBegun = false;
        columns.record(k, t);
    }

    /**
     * The index of the first of coin c's detail candles that tile the bar opening at t (each
     * sub-bar there, on its grid), or -1 when any is missing: that bar replays its own path.
     */
    private int subBarsOf(int c, long t) {
        CandleSeries d = detail[c];
        int i = detailNext[c];
        while (i < d.size() && d.openTime(i) < t) {
            i++;
        }
        detailNext[c] = i;
        if (i + subBars[c] > d.size()) {
            return -1;
        }
        for (int j = 0; j < subBars[c]; j++) {
            if (d.openTime(i + j) != t + j * subMs[c]) {
                return -1;
            }
        }
        return i;
    }

    /**
     * The segments of a step in which some coin replays its bar through its sub-bars: every
     * coin's segments in the order of their end times (ties in coin order, which for bars
     * without detail is the phase-by-phase order of {@link #step}). A detailed bar is three
     * segments per sub-bar on the run's path rule (open, first extreme, second extreme, close
     * of each sub-bar; between sub-bars the path jumps to the next open). Its price points are
     * the strategy's: every point in intrabar mode; in close mode only the bar's close, so the
     * strategy's bar closes stay on the main interval.
     */
    private void detailedSegments(int na, long t) {
        for (int a = 0; a < na; a++) {
            segmentsDone[active[a]] = 0;
        }
        while (true) {
            int best = -1;
            long bestEnd = Long.MAX_VALUE;
            for (int a = 0; a < na; a++) {
                int c = active[a];
                int total = detailAt[c] >= 0 ? 3 * subBars[c] : 3;
                if (segmentsDone[c] < total) {
                    long end = segmentEnd(c, t, segmentsDone[c]);
                    if (end < bestEnd) {
                        bestEnd = end;
                        best = c;
                    }
                }
            }
            if (best < 0) {
                return;
            }
            int c = best;
            int sIdx = segmentsDone[c]++;
            if (detailAt[c] < 0) {
                switch (sIdx) {
                    case 0 -> segment(c, firstExtremeTime[c], firstExtreme[c], false, intrabar[c]);
                    case 1 -> segment(c, secondExtremeTime[c], secondExtreme[c], true, intrabar[c]);
                    default -> segment(c, closeTime[c], series[c].close(barIndex[c]), true, true);
                }
                continue;
            }
            CandleSeries d = detail[c];
            int j = sIdx / 3;
            int i = detailAt[c] + j;
            switch (sIdx % 3) {
                case 0 -> {
                    if (j > 0) {
                        long ts = t + j * subMs[c];
                        venue.beginBarLiquidity(c, d.volume(i));
                        venue.jump(c, ts, d.open(i));
                        if (intrabar[c]) {
                            deliver(c, ts, d.open(i));
                        }
                    }
                    boolean lowFirst = path.lowFirst(d.open(i), d.close(i), account.position(c));
                    subFirstExtreme[c] = BarPath.firstExtreme(d.high(i), d.low(i), lowFirst);
                    subSecondExtreme[c] = BarPath.secondExtreme(d.high(i), d.low(i), lowFirst);
                    segment(c, bestEnd, subFirstExtreme[c], false, intrabar[c]);
                }
                case 1 -> segment(c, bestEnd, subSecondExtreme[c], true, intrabar[c]);
                default -> {
                    boolean last = j == subBars[c] - 1;
                    // the bar closes at its own close (the main candle's, which the record marks at)
                    segment(c, last ? closeTime[c] : bestEnd, last ? series[c].close(barIndex[c]) : d.close(i), true,
                            last || intrabar[c]);
                }
            }
        }
    }

    /** End time of segment s of coin c's bar opening at t (three per sub-bar when detailed). */
    private long segmentEnd(int c, long t, int s) {
        if (detailAt[c] < 0) {
            return s == 0 ? firstExtremeTime[c] : s == 1 ? secondExtremeTime[c] : closeTime[c];
        }
        long ts = t + (s / 3) * subMs[c];
        return BarPath.time(ts, subMs[c], s % 3 + 1); // segment s % 3 of its sub-bar ends at that point
    }

    /** Coin c's current bar, its path at the close (time t3), closes: the strategy hears of it, the pointer moves on. */
    private void closeBar(int c, long t3) {
        CandleSeries s = series[c];
        int i = barIndex[c];
        kernel.barClose(c, s.openTime(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
        barIndex[c]++;
        lastTime = Math.max(lastTime, t3);
    }

    /** One path segment of coin c from its current point to (t1, p1). */
    private void segment(int c, long t1, double p1, boolean fresh, boolean deliverEnd) {
        venue.beginSegment(c, t1, p1, fresh);
        Strategy s = owner[c];
        Coin coin = coinOf[c];
        boolean crossings = intrabar[c];
        for (int guard = 0; ; guard++) {
            if (guard > 100_000) {
                throw new IllegalStateException("replay stuck in a segment of " + coin + " at " + venue.time(c));
            }
            long te = venue.idle(c) ? Long.MAX_VALUE : venue.nextEventTime(c);
            long tc = Long.MAX_VALUE;
            double pc = Double.NaN;
            if (crossings) {
                long t0 = venue.time(c);
                double p0 = venue.price(c);
                if (p1 > p0) {
                    double up = s.triggerAbove(coin);
                    if (up > p0 && up < p1) {
                        tc = t0 + (long) Math.ceil((up - p0) / (p1 - p0) * (t1 - t0));
                        pc = up;
                    }
                } else if (p1 < p0) {
                    double dn = s.triggerBelow(coin);
                    if (dn < p0 && dn > p1) {
                        tc = t0 + (long) Math.ceil((p0 - dn) / (p0 - p1) * (t1 - t0));
                        pc = dn;
                    }
                }
                if (tc >= t1) {
                    tc = Long.MAX_VALUE; // within the last millisecond: the end point stands for it
                }
            }
            if (te <= t1 && te <= tc) {
                venue.advance(c, te, Double.NaN);
                continue;
            }
            if (tc != Long.MAX_VALUE) {
                venue.advance(c, tc, pc);
                deliver(c, tc, pc);
                continue;
            }
            venue.advance(c, t1, p1);
            if (deliverEnd && s != null) {
                deliver(c, t1, p1);
            }
            return;
        }
    }

    private void deliver(int c, long t, double p) {
        kernel.price(c, t, p);
    }
}
