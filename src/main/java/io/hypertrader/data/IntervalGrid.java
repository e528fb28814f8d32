package io.hypertrader.data;

import io.hypertrader.core.Interval;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Bar-open arithmetic on an interval's grid, including calendar months for {@code 1M}. Times are UTC epoch ms. */
public final class IntervalGrid {
    private IntervalGrid() {
    }

    /** The open time of the bar after the one opening at {@code openMs}. */
    public static long next(Interval interval, long openMs) {
        if (interval.fixedLength()) {
            return openMs + interval.millis();
        }
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(openMs), ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
    }

    /** The close time (last millisecond) of the bar opening at {@code openMs}. */
    public static long closeTime(Interval interval, long openMs) {
        return next(interval, openMs) - 1;
    }

    /** True when {@code openMs} is a bar open: on the fixed grid, or midnight UTC on the 1st for 1M. */
    public static boolean onGrid(Interval interval, long openMs) {
        if (interval.fixedLength()) {
            return interval.onGrid(openMs);
        }
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochMilli(openMs), ZoneOffset.UTC);
        return t.getDayOfMonth() == 1 && t.toLocalTime().toNanoOfDay() == 0;
    }

    /** The open of the bar containing {@code timeMs}. */
    public static long floor(Interval interval, long timeMs) {
        if (interval.fixedLength()) {
            return Math.floorDiv(timeMs, interval.millis()) * interval.millis();
        }
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochMilli(timeMs), ZoneOffset.UTC);
        return t.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Number of bar opens in [fromOpen, toOpen] (both on the grid, from <= to). */
    public static long barsBetween(Interval interval, long fromOpen, long toOpen) {
        if (toOpen < fromOpen) {
            return 0;
        }
        if (interval.fixedLength()) {
            return (toOpen - fromOpen) / interval.millis() + 1;
        }
        long n = 0;
        for (long t = fromOpen; t <= toOpen; t = next(interval, t)) {
            n++;
        }
        return n;
    }

    /** The open {@code bars} bars before {@code openMs}. */
    public static long minus(Interval interval, long openMs, long bars) {
        if (interval.fixedLength()) {
            return openMs - bars * interval.millis();
        }
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(openMs), ZoneOffset.UTC).minusMonths(bars).toInstant().toEpochMilli();
    }
}
