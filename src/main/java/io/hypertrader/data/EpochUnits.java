package io.hypertrader.data;

import java.time.Instant;

/**
 * Recognises epoch timestamps written in the wrong unit. Candle files carry UTC epoch
 * <em>milliseconds</em>; exports from other tools often carry seconds (10 digits today) or
 * microseconds / nanoseconds (16 / 19 digits). Read as milliseconds, seconds land in January
 * 1970 (and then fail the interval grid) and microseconds in the year 49,000 or so (on the grid,
 * so they would import). A value is taken as milliseconds when it falls between
 * {@link #EARLIEST} and {@link #LATEST}; otherwise the unit that does put it there is named.
 */
public final class EpochUnits {
    /** 1990-01-01: no market data this project reads is older. */
    static final long EARLIEST = 631_152_000_000L;
    /** 2200-01-01: no candle opens later. */
    static final long LATEST = 7_258_118_400_000L;

    private EpochUnits() {
    }

    /**
     * Null when {@code value} reads as a plausible epoch-millisecond time; otherwise why not, naming
     * the unit it looks like ("these look like seconds: ...") and the conversion to make.
     */
    public static String misread(String column, long value) {
        if (value >= EARLIEST && value < LATEST) {
            return null;
        }
        String asMs = describe(value);
        if (value > 0 && value < EARLIEST && plausible(value * 1000)) {
            return column + " " + value + " reads as " + asMs + " in milliseconds; these look like seconds ("
                    + Instant.ofEpochSecond(value) + "): write epoch milliseconds (multiply by 1000)";
        }
        if (value >= LATEST && plausible(value / 1000) && value % 1000 == 0) {
            return column + " " + value + " reads as " + asMs + " in milliseconds; these look like microseconds ("
                    + Instant.ofEpochMilli(value / 1000) + "): write epoch milliseconds (divide by 1000)";
        }
        if (value >= LATEST && plausible(value / 1000)) {
            return column + " " + value + " reads as " + asMs + " in milliseconds; these look like microseconds ("
                    + Instant.ofEpochMilli(value / 1000) + "), and not whole milliseconds: write epoch milliseconds"
                    + " (divide by 1000)";
        }
        if (value >= LATEST && plausible(value / 1_000_000)) {
            return column + " " + value + " reads as " + asMs + " in milliseconds; these look like nanoseconds ("
                    + Instant.ofEpochMilli(value / 1_000_000) + "): write epoch milliseconds (divide by 1000000)";
        }
        return column + " " + value + " reads as " + asMs + ": not an epoch-millisecond time between "
                + Instant.ofEpochMilli(EARLIEST) + " and " + Instant.ofEpochMilli(LATEST);
    }

    private static boolean plausible(long ms) {
        return ms >= EARLIEST && ms < LATEST;
    }

    /** The instant of an epoch-ms value, or "a time out of range" when it has none. */
    private static String describe(long ms) {
        try {
            return Instant.ofEpochMilli(ms).toString();
        } catch (java.time.DateTimeException e) {
            return "a time out of range";
        }
    }
}
