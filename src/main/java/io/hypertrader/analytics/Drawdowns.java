package io.hypertrader.analytics;

/**
 * Drawdown of an equity curve: how far equity stands below its running peak, as a positive
 * fraction of that peak (0.25 = 25 % below the highest equity seen so far).
 */
public final class Drawdowns {
    private Drawdowns() {
    }

    /**
     * The largest drawdown of a curve and how long the curve stayed under water.
     *
     * @param maxDrawdown         max over t of 1 - E_t / max(E_0..E_t), in [0, 1] while equity stays positive
     * @param peakIndex           index of the peak the largest drawdown is measured from (-1 if none)
     * @param troughIndex         index of the trough of the largest drawdown (-1 if none)
     * @param recoveryIndex       first index after the trough where equity is back at or above that peak,
     *                            -1 when it never recovers within the sample
     * @param longestUnderwaterStart index of the peak that starts the longest under-water stretch (-1 if none)
     * @param longestUnderwaterEnd   index where that stretch ends: the recovery, or the last index if the
     *                               curve ends under water
     * @param longestUnderwaterRecovered false when the longest stretch is still open at the end of the sample
     */
    public record Summary(double maxDrawdown, int peakIndex, int troughIndex, int recoveryIndex,
                          int longestUnderwaterStart, int longestUnderwaterEnd, boolean longestUnderwaterRecovered) {
    }

    /** Drawdown at each point: 1 - E_t / max(E_0..E_t). Same length as {@code equity}. */
    public static double[] series(double[] equity) {
        double[] dd = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            dd[i] = peak > 0 ? 1.0 - equity[i] / peak : 0.0;
        }
        return dd;
    }

    /** Largest drawdown of the curve and its longest under-water stretch (in points). */
    public static Summary summarize(double[] equity) {
        int n = equity.length;
        double max = 0;
        int peakIdx = -1, troughIdx = -1, recoveryIdx = -1;
        int runPeak = 0;
        int longStart = -1, longEnd = -1;
        boolean longRecovered = true;
        for (int i = 0; i < n; i++) {
            if (equity[i] >= equity[runPeak]) {
                // Back at (or above) the running peak: an under-water stretch, if any, ends here.
                if (i - runPeak > 1) { // points strictly between were below the peak
                    if (longStart < 0 || i - runPeak > longEnd - longStart) {
                        longStart = runPeak;
                        longEnd = i;
                        longRecovered = true;
                    }
                }
                if (peakIdx == runPeak && recoveryIdx < 0 && troughIdx >= 0) {
                    recoveryIdx = i;
                }
                runPeak = i;
                continue;
            }
            double peak = equity[runPeak];
            if (peak > 0 && max < 0.999 && equity[i] > peak * (1 - max) * (1 + 1e-9)) {
                continue; // shallower than the largest so far by far more than rounding: no division needed
            }
            double dd = peak > 0 ? 1.0 - equity[i] / peak : 0.0;
            if (dd > max) {
                max = dd;
                if (peakIdx != runPeak) {
                    recoveryIdx = -1;
                }
                peakIdx = runPeak;
                troughIdx = i;
            }
        }
        if (n > 0 && runPeak < n - 1) {
            // The sample ends under water: the open stretch counts up to the last point.
            if (longStart < 0 || (n - 1) - runPeak > longEnd - longStart) {
                longStart = runPeak;
                longEnd = n - 1;
                longRecovered = false;
            }
        }
        return new Summary(max, peakIdx, troughIdx, recoveryIdx, longStart, longEnd, longRecovered);
    }
}
