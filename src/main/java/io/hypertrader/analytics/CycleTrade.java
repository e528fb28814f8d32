package io.hypertrader.analytics;

import java.util.Objects;

/**
 * One cycle of a hedge strategy as the trade list shows it: the unit a freqtrade or LEAN user
 * calls a trade (entry to exit, with the hedges in between), with its excursions.
 *
 * @param coin         the coin
 * @param index        report cycle number, 1-based over the whole run (matches {@link Metrics.CycleCapture#index()})
 * @param thesis       "bull" or "bear"
 * @param startTime    decision time of the entry (UTC ms)
 * @param endTime      decision time of the exit (the end of the data for the open cycle)
 * @param quantity     Q, coins
 * @param entry        E, the average entry price
 * @param extreme      H, the extreme price (frozen when the hedge fired)
 * @param netPnl       P&amp;L after fees, slippage and funding, USDC
 * @param capture      netPnl / (Q * |H - E|), NaN when H = E
 * @param mae          maximum adverse excursion: the furthest the price went against the thesis from E while the
 *                     cycle was open, a fraction of E (<= 0); see {@link #excursions}
 * @param mfe          maximum favourable excursion, a fraction of E (>= 0)
 * @param maxState     the deepest state reached (FULL, HEDGED, SCALED, DEEP)
 * @param endReason    why it ended (lift-peak, lift-stop, reversal, long-stop, risk-stop, end-of-data ...)
 * @param complete     false for the cycle still open at the end of the data
 */
public record CycleTrade(String coin, int index, String thesis, long startTime, long endTime, double quantity,
                         double entry, double extreme, double netPnl, double capture, double mae, double mfe,
                         String maxState, String endReason, boolean complete) {
    public CycleTrade {
        Objects.requireNonNull(coin, "coin");
        thesis = thesis == null ? "" : thesis;
        maxState = maxState == null ? "" : maxState;
        endReason = endReason == null ? "" : endReason;
    }

    /**
     * MAE and MFE of a cycle from the bars it was open in: every bar whose span [open, open + bar)
     * meets [start, end]. For the bull thesis MFE = max high / E - 1 and MAE = min low / E - 1; for the
     * bear thesis MFE = 1 - min low / E and MAE = 1 - max high / E. The first and last bars count
     * whole (a candle does not say which of its prices came before the entry fill), so the excursions
     * can slightly overstate; they are the price's, not the hedged position's P&amp;L.
     *
     * @return {mae, mfe}; NaN when no bar meets the span
     */
    public static double[] excursions(long[] openTime, double[] high, double[] low, long barMs, long start, long end,
                                      double entry, boolean bull) {
        int i = java.util.Arrays.binarySearch(openTime, start);
        i = i >= 0 ? i : Math.max(0, -i - 2);
        double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
        for (; i < openTime.length && openTime[i] <= end; i++) {
            if (openTime[i] + barMs <= start) {
                continue;
            }
            hi = Math.max(hi, high[i]);
            lo = Math.min(lo, low[i]);
        }
        if (hi == Double.NEGATIVE_INFINITY || !(entry > 0)) {
            return new double[]{Double.NaN, Double.NaN};
        }
        return bull ? new double[]{lo / entry - 1, hi / entry - 1} : new double[]{1 - hi / entry, 1 - lo / entry};
    }
}
