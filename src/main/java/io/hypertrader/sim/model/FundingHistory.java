package io.hypertrader.sim.model;

import java.util.Arrays;

/**
 * Stored funding settlements of one coin as primitive arrays: times (UTC ms, ascending) and
 * rates (fraction per settlement period, hourly on Hyperliquid since mid-2023; positive = longs
 * pay shorts).
 */
public final class FundingHistory {
    public static final FundingHistory EMPTY = new FundingHistory(new long[0], new double[0]);

    private final long[] times;
    private final double[] rates;

    public FundingHistory(long[] times, double[] rates) {
        if (times.length != rates.length) {
            throw new IllegalArgumentException("funding times and rates differ in length");
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("funding times not ascending at index " + i);
            }
        }
        for (double r : rates) {
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("funding rate not finite: " + r);
            }
        }
        this.times = times.clone();
        this.rates = rates.clone();
    }

    public int size() {
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    public double rate(int i) {
        return rates[i];
    }

    public boolean isEmpty() {
        return times.length == 0;
    }

    /** Index of the first settlement at or after {@code t} (size() if none). */
    int firstAtOrAfter(long t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i : -i - 1;
    }
}
