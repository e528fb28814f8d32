package io.hypertrader.bench.refrule;

import static io.hypertrader.bench.refrule.ReferenceRule.EXIT_RETRACE;
import static io.hypertrader.bench.refrule.ReferenceRule.FEE_RATE;
import static io.hypertrader.bench.refrule.ReferenceRule.FIRST_ENTRY_BAR;
import static io.hypertrader.bench.refrule.ReferenceRule.INITIAL_CASH;
import static io.hypertrader.bench.refrule.ReferenceRule.MIN_RUN;
import static io.hypertrader.bench.refrule.ReferenceRule.REENTRY_BOUNCE;

import io.hypertrader.exec.OrderRounding;

import java.util.Arrays;

/**
 * The reference rule as one loop over primitive arrays: no objects per bar, no virtual calls.
 * It is the practical speed limit the other implementations are compared with, and the oracle
 * for their results. Stateless and thread-safe.
 */
public final class PlainLoopReferenceRule {

    private PlainLoopReferenceRule() {
    }

    /** Runs the rule on whole arrays (bar 0 is the first element). */
    public static ReferenceRule.Result run(double[] high, double[] low, double[] close) {
        return run(high, low, close, 0, close.length);
    }

    /**
     * Runs the rule on the bars with index in {@code [from, to)} of the given columns; bar
     * {@code from} is the rule's bar 0 and the result's fill indices are relative to it.
     */
    public static ReferenceRule.Result run(double[] high, double[] low, double[] close, int from, int to) {
        return loop(high, low, close, from, to, -1);
    }

    /**
     * The rule with every buy rounded down to a size step of 10^-szDecimals coin, as an exchange
     * (and our simulated venue) requires; the cash that does not fit a whole step stays uninvested.
     * This is the exact counterpart of the engine's run, used to show that the engine's only
     * difference from {@link #run} is the size grid.
     */
    public static ReferenceRule.Result runOnSizeGrid(double[] high, double[] low, double[] close, int szDecimals) {
        if (szDecimals < 0) {
            throw new IllegalArgumentException("szDecimals < 0: " + szDecimals);
        }
        return loop(high, low, close, 0, close.length, szDecimals);
    }

    /** The loop; {@code szDecimals < 0} means no size grid. */
    private static ReferenceRule.Result loop(double[] high, double[] low, double[] close, int from, int to,
                                             int szDecimals) {
        if (from < 0 || to > close.length || to > high.length || to > low.length || from >= to) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ") of " + close.length + " bars");
        }
        final double buyFactor = 1 + FEE_RATE;
        final double sellFactor = 1 - FEE_RATE;
        int[] fills = new int[16];
        int nFills = 0;

        double cash = INITIAL_CASH;
        double qty = 0;
        boolean inPosition = false;
        boolean exitedOnce = false;
        double entry = 0;      // E
        double peak = 0;       // H
        double peakAtExit = 0; // H_prev
        double trough = 0;     // L
        final int firstEntry = from + FIRST_ENTRY_BAR;

        for (int i = from; i < to; i++) {
            final double c = close[i];
            boolean act;
            if (inPosition) {
                // A compare, not Math.max: Math.max's NaN/-0.0 handling costs several cycles on
                // this loop-carried chain, and validated candles hold no NaN.
                final double hi = high[i];
                if (hi > peak) {
                    peak = hi;
                }
                final double run = peak - entry;
                act = run >= MIN_RUN * entry && c <= peak - EXIT_RETRACE * run;
                if (act) {
                    cash += qty * c * sellFactor;
                    qty = 0;
                    inPosition = false;
                    exitedOnce = true;
                    peakAtExit = peak;
                    trough = c;
                }
            } else {
                if (exitedOnce) {
                    final double lo = low[i];
                    if (lo < trough) {
                        trough = lo;
                    }
                    act = c >= trough + REENTRY_BOUNCE * (peakAtExit - trough);
                } else {
                    act = i == firstEntry;
                }
                if (act) {
                    qty = cash / (c * buyFactor);
                    if (szDecimals >= 0) {
                        qty = OrderRounding.roundSize(qty, szDecimals);
                        cash -= qty * c * buyFactor;
                    } else {
                        cash = 0;
                    }
                    inPosition = true;
                    entry = c;
                    peak = c;
                }
            }
            if (act) {
                if (nFills == fills.length) {
                    fills = Arrays.copyOf(fills, nFills * 2);
                }
                fills[nFills++] = i - from;
            }
        }
        double equity = inPosition ? cash + qty * close[to - 1] : cash;
        return new ReferenceRule.Result(nFills / 2, equity, inPosition, Arrays.copyOf(fills, nFills));
    }
}
