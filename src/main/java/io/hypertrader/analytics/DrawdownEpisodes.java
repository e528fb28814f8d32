package io.hypertrader.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The drawdown episodes of an equity curve: each stretch from a running peak, through its trough,
 * to the first later mark back at or above the peak (the recovery), or to the end of the sample
 * when equity never got back. The deepest episode's depth is the max drawdown.
 */
public final class DrawdownEpisodes {
    private DrawdownEpisodes() {
    }

    /**
     * One episode.
     *
     * @param peakTime     the running peak it starts from
     * @param troughTime   its lowest mark
     * @param recoveryTime first mark back at or above the peak, -1 when it never recovered
     * @param depth        1 - E_trough / E_peak
     * @param lengthMs     peak to recovery, or peak to the last mark when not recovered
     * @param bars         marks from the peak to the recovery (or the last mark)
     */
    public record Episode(long peakTime, long troughTime, long recoveryTime, double depth, long lengthMs, int bars) {
        public boolean recovered() {
            return recoveryTime >= 0;
        }
    }

    /** Every episode with a depth above 0, in time order. */
    public static List<Episode> all(long[] time, double[] equity) {
        List<Episode> out = new ArrayList<>();
        int n = equity.length;
        int peak = 0;
        int trough = -1;
        for (int i = 1; i < n; i++) {
            if (equity[i] >= equity[peak]) {
                if (trough >= 0) {
                    out.add(episode(time, equity, peak, trough, i));
                    trough = -1;
                }
                peak = i;
            } else if (trough < 0 || equity[i] < equity[trough]) {
                trough = i;
            }
        }
        if (trough >= 0) {
            out.add(episode(time, equity, peak, trough, -1));
        }
        return out;
    }

    /** The {@code count} deepest episodes, deepest first (ties: the earlier first). */
    public static List<Episode> worst(long[] time, double[] equity, int count) {
        List<Episode> all = new ArrayList<>(all(time, equity));
        all.sort(Comparator.comparingDouble(Episode::depth).reversed().thenComparingLong(Episode::peakTime));
        return List.copyOf(all.subList(0, Math.min(count, all.size())));
    }

    private static Episode episode(long[] time, double[] equity, int peak, int trough, int recovery) {
        int end = recovery >= 0 ? recovery : time.length - 1;
        double depth = equity[peak] > 0 ? 1 - equity[trough] / equity[peak] : 0;
        return new Episode(time[peak], time[trough], recovery >= 0 ? time[recovery] : -1, depth, time[end] - time[peak],
                end - peak);
    }
}
