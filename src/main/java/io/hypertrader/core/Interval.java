package io.hypertrader.core;

import java.util.Locale;

/**
 * A candle interval as Hyperliquid names it ("1m" ... "1M").
 *
 * <p>{@link #millis()} is the fixed length of one bar; for {@code 1M} (a calendar month) it is
 * the average month (30.4375 days) and only good for estimates such as periods per year. Every
 * other interval is exact, and bar open times lie on multiples of it (UTC epoch ms).
 */
public enum Interval {
    M1("1m", 60_000L),
    M3("3m", 180_000L),
    M5("5m", 300_000L),
    M15("15m", 900_000L),
    M30("30m", 1_800_000L),
    H1("1h", 3_600_000L),
    H2("2h", 7_200_000L),
    H4("4h", 14_400_000L),
    H8("8h", 28_800_000L),
    H12("12h", 43_200_000L),
    D1("1d", 86_400_000L),
    D3("3d", 259_200_000L),
    W1("1w", 604_800_000L),
    MONTH1("1M", 2_629_800_000L);

    private static final long YEAR_MS = 365L * 86_400_000L;

    private final String code;
    private final long millis;

    Interval(String code, long millis) {
        this.code = code;
        this.millis = millis;
    }

    /** The wire name, e.g. {@code "1h"}. */
    public String code() {
        return code;
    }

    /** Length of one bar in milliseconds (average month for {@code 1M}). */
    public long millis() {
        return millis;
    }

    /** True for every interval whose bars lie on a fixed millisecond grid (all but 1M). */
    public boolean fixedLength() {
        return this != MONTH1;
    }

    /** Bars per 365-day year on a 24/7 market: 1h gives 8760, 1d gives 365. */
    public double periodsPerYear() {
        return (double) YEAR_MS / millis;
    }

    /** True when {@code timeMs} is a bar open time of this interval. */
    public boolean onGrid(long timeMs) {
        return !fixedLength() || Math.floorMod(timeMs, millis) == 0;
    }

    /**
     * Parses a wire name. "1M" is the month and "1m" the minute, so case matters for those two;
     * other names are also accepted in upper case.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static Interval parse(String text) {
        if (text != null) {
            String t = text.trim();
            for (Interval i : values()) {
                if (i.code.equals(t)) {
                    return i;
                }
            }
            for (Interval i : values()) {
                if (i != MONTH1 && i != M1 && i.code.equalsIgnoreCase(t)) {
                    return i;
                }
            }
        }
        StringBuilder names = new StringBuilder();
        for (Interval i : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(i.code);
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown interval '%s' (expected one of %s)", text, names));
    }

    @Override
    public String toString() {
        return code;
    }
}
