package io.hypertrader.analytics;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Calendar-period returns of an equity curve (UTC months, years and days), as Tablesaw tables.
 *
 * <p>A mark stamped at a bar's close belongs to the period that contains the millisecond before
 * it (the close at 00:00 on the 1st ends the previous month). A period's return is E_end / E_start
 * - 1, E_end being the last mark of the period and E_start the last mark of the period before (the
 * first mark E_0 for the first period), so the periods' returns compound to the total return. A
 * period is {@code full} when the marks cover it from its start to its end; the first and last
 * periods of a sample are usually partial.
 */
public final class PeriodReturns {
    private PeriodReturns() {
    }

    /** One calendar period of the curve: marks (start, end] and their equities. */
    record Period(long start, long end, int fromMark, int toMark, double returnValue, boolean full) {
    }

    /**
     * Monthly returns: columns {@code year, month} (1-12), {@code start_ms, end_ms} (the month's
     * bounds), {@code return}, {@code full}.
     */
    public static Table monthly(long[] time, double[] equity) {
        List<Period> ps = periods(time, equity, PeriodReturns::monthStart, PeriodReturns::nextMonth);
        IntColumn year = IntColumn.create("year"), month = IntColumn.create("month");
        LongColumn start = LongColumn.create("start_ms"), end = LongColumn.create("end_ms");
        DoubleColumn ret = DoubleColumn.create("return");
        BooleanColumn full = BooleanColumn.create("full");
        for (Period p : ps) {
            LocalDate d = date(p.start());
            year.append(d.getYear());
            month.append(d.getMonthValue());
            start.append(p.start());
            end.append(p.end());
            ret.append(p.returnValue());
            full.append(p.full());
        }
        return Table.create("monthly returns", year, month, start, end, ret, full);
    }

    /**
     * Yearly returns: columns {@code year, start_ms, end_ms, return}, {@code buy_hold_return} (of
     * {@code benchmark}, the buy-and-hold equity at the same marks), {@code max_drawdown} (within the
     * year, from the year's running peak starting at E_start) and {@code full}.
     */
    public static Table yearly(long[] time, double[] equity, double[] benchmark) {
        List<Period> ps = periods(time, equity, PeriodReturns::yearStart, PeriodReturns::nextYear);
        IntColumn year = IntColumn.create("year");
        LongColumn start = LongColumn.create("start_ms"), end = LongColumn.create("end_ms");
        DoubleColumn ret = DoubleColumn.create("return"), bh = DoubleColumn.create("buy_hold_return"),
                dd = DoubleColumn.create("max_drawdown");
        BooleanColumn full = BooleanColumn.create("full");
        for (Period p : ps) {
            year.append(date(p.start()).getYear());
            start.append(p.start());
            end.append(p.end());
            ret.append(p.returnValue());
            bh.append(benchmark[p.toMark()] / benchmark[p.fromMark()] - 1);
            double peak = equity[p.fromMark()], worst = 0;
            for (int i = p.fromMark() + 1; i <= p.toMark(); i++) {
                peak = Math.max(peak, equity[i]);
                if (peak > 0) {
                    worst = Math.max(worst, 1 - equity[i] / peak);
                }
            }
            dd.append(worst);
            full.append(p.full());
        }
        return Table.create("yearly returns", year, start, end, ret, bh, dd, full);
    }

    /** Returns per UTC day, in time order (the daily returns of the distribution and its VaR). */
    public static double[] daily(long[] time, double[] equity) {
        List<Period> ps = periods(time, equity, t -> Math.floorDiv(t, 86_400_000L) * 86_400_000L, t -> t + 86_400_000L);
        double[] r = new double[ps.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ps.get(i).returnValue();
        }
        return r;
    }

    /**
     * Splits marks 1..n into calendar periods. {@code fromMark} is the mark the period's return starts
     * from (the last mark of the previous period), {@code toMark} its own last mark.
     */
    static List<Period> periods(long[] time, double[] equity, LongUnaryOperator periodStart, LongUnaryOperator next) {
        List<Period> out = new ArrayList<>();
        int n = time.length;
        int from = 0;
        int i = 1;
        while (i < n) {
            long start = periodStart.applyAsLong(time[i] - 1);
            long end = next.applyAsLong(start);
            int j = i;
            while (j + 1 < n && time[j + 1] - 1 < end) {
                j++;
            }
            boolean full = time[from] <= start && time[j] >= end;
            out.add(new Period(start, end, from, j, equity[j] / equity[from] - 1, full));
            from = j;
            i = j + 1;
        }
        return out;
    }

    private static LocalDate date(long ms) {
        return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static long epoch(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static long monthStart(long ms) {
        return epoch(date(ms).withDayOfMonth(1));
    }

    private static long nextMonth(long start) {
        return epoch(date(start).plusMonths(1));
    }

    private static long yearStart(long ms) {
        return epoch(date(ms).withDayOfYear(1));
    }

    private static long nextYear(long start) {
        return epoch(date(start).plusYears(1));
    }
}
