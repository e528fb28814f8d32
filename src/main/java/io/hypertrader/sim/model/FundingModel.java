package io.hypertrader.sim.model;

import java.util.Arrays;

/** Funding payments of a perpetual over a run. */
public interface FundingModel {

    long HOUR_MS = 3_600_000L;

    /** The payments between {@code fromMs} (inclusive) and {@code toMs} (inclusive). */
    FundingSchedule schedule(long fromMs, long toMs, FundingHistory history);

    String name();

    /** Use for {@code ideal} and {@code seed}: no funding. */
    final class None implements FundingModel {
        @Override
        public FundingSchedule schedule(long fromMs, long toMs, FundingHistory history) {
            return FundingSchedule.NONE;
        }

        @Override
        public String name() {
            return "none";
        }
    }

    /**
     * Hourly funding from the stored history; use for {@code realistic}. Inside the span the
     * history covers, each stored settlement is one payment at its time (Hyperliquid settled
     * every 8 hours until June 2023, hourly since; a settlement is applied as stored, never
     * spread); hours outside that span pay the configured constant rate at each whole hour.
     */
    final class Historical implements FundingModel {
        private final double fallbackRate;

        public Historical(double fallbackHourlyRate) {
            this.fallbackRate = fallbackHourlyRate;
        }

        /** The last schedule built on this thread: a sweep replays the same span and history every run. */
        private record Built(FundingHistory history, long fromMs, long toMs, double rate, FundingSchedule schedule) {
        }

        private static final ThreadLocal<Built> LAST = new ThreadLocal<>();

        /**
         * The payments over [fromMs, toMs]. The result may be shared with other runs on this
         * thread (same history object, span and rate): its arrays are read only.
         */
        @Override
        public FundingSchedule schedule(long fromMs, long toMs, FundingHistory h) {
            Built last = LAST.get();
            if (last != null && last.history() == h && last.fromMs() == fromMs && last.toMs() == toMs
                    && Double.compare(last.rate(), fallbackRate) == 0) {
                return last.schedule();
            }
            FundingSchedule fs = build(fromMs, toMs, h);
            LAST.set(new Built(h, fromMs, toMs, fallbackRate, fs));
            return fs;
        }

        private FundingSchedule build(long fromMs, long toMs, FundingHistory h) {
            long firstHour = Math.floorDiv(fromMs + HOUR_MS - 1, HOUR_MS) * HOUR_MS;
            int cap = (int) Math.max(0, (toMs - firstHour) / HOUR_MS + 1) + h.size();
            long[] t = new long[Math.max(cap, 0)];
            double[] r = new double[t.length];
            int n = 0;
            int hist = 0;
            int fallback = 0;
            long spanStart = h.isEmpty() ? Long.MAX_VALUE : Math.floorDiv(h.time(0), HOUR_MS) * HOUR_MS;
            long spanEnd = h.isEmpty() ? Long.MIN_VALUE : h.time(h.size() - 1);
            // constant hours before the history
            for (long hour = firstHour; hour <= toMs && hour < spanStart; hour += HOUR_MS) {
                t[n] = hour;
                r[n++] = fallbackRate;
                fallback++;
            }
            if (!h.isEmpty()) {
                for (int i = h.firstAtOrAfter(fromMs); i < h.size() && h.time(i) <= toMs; i++) {
                    t[n] = h.time(i);
                    r[n++] = h.rate(i);
                    hist++;
                }
                long after = Math.floorDiv(spanEnd, HOUR_MS) * HOUR_MS + HOUR_MS;
                for (long hour = Math.max(after, firstHour); hour <= toMs; hour += HOUR_MS) {
                    t[n] = hour;
                    r[n++] = fallbackRate;
                    fallback++;
                }
            }
            if (fallbackRate == 0 && hist == 0) {
                return new FundingSchedule(new long[0], new double[0], 0, 0);
            }
            // usually n == capacity (hourly bars, no history): no second copy of the arrays
            return new FundingSchedule(n == t.length ? t : Arrays.copyOf(t, n), n == r.length ? r : Arrays.copyOf(r, n),
                    hist, fallback);
        }

        @Override
        public String name() {
            return "historical";
        }
    }
}
