package io.hypertrader.report;

import io.hypertrader.analytics.Metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formatting for reports: Locale.ROOT, UTC, "n/a" for undefined values. */
final class Fmt {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private Fmt() {
    }

    /** Shortest exact decimal of a double without exponent ("0.00012", "65000.5"); "" for NaN (CSV). */
    static String plain(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return "0";
        }
        String s = Double.toString(x);
        if (s.indexOf('E') < 0) {
            // already plain ("65000.0", "0.0012"): drop the trailing zeros of the fraction, as
            // BigDecimal.stripTrailingZeros would, without building one per number (a report writes ~10^5)
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            return s.substring(0, end);
        }
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }

    /** "2018-01-02 13:00" (UTC); "never" for -1. */
    static String time(long ms) {
        return ms < 0 ? "never" : MINUTE.format(Instant.ofEpochMilli(ms));
    }

    /** "2018-01-02T13:00:00Z". */
    static String iso(long ms) {
        return ISO.format(Instant.ofEpochMilli(ms));
    }

    /** "3d 4h", "5h 30m", "45s". */
    static String duration(long ms) {
        long s = ms / 1000, m = s / 60, h = m / 60, d = h / 24;
        if (d > 0) {
            return d + "d " + (h % 24) + "h";
        }
        if (h > 0) {
            return h + "h " + (m % 60) + "m";
        }
        if (m > 0) {
            return m + "m " + (s % 60) + "s";
        }
        return s + "s";
    }

    static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** A figure as the metrics table shows it. */
    static String figure(double v, Metrics.Unit unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        return switch (unit) {
            case PERCENT -> f("%.2f %%", v * 100);
            case RATIO -> Math.abs(v) >= 1e5 ? f("%.3e", v) : f("%.3f", v);
            case MONEY -> f("%.2f", v);
            case COUNT -> f("%d", (long) v);
            case PROBABILITY -> f("%.3f", v);
            case YEARS -> f("%.2f years", v);
            case DURATION -> duration((long) v);
            case TIME -> time((long) v);
            case BARS -> f("%.0f bars", Math.ceil(v));
            case TIMES -> f("%.1f×", v);
        };
    }

    /** A price or quantity for tables: up to 8 significant digits, no exponent. */
    static String num(double x) {
        if (Double.isNaN(x)) {
            return "—";
        }
        return new BigDecimal(x).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
    }
}
