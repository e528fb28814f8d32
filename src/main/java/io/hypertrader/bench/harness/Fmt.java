package io.hypertrader.bench.harness;

import java.util.Locale;

/** Number formatting for bench tables (always {@link Locale#ROOT}). */
public final class Fmt {

    private Fmt() {
    }

    /** A duration given in nanoseconds, in the unit that keeps 3 significant figures readable. */
    public static String duration(double nanos) {
        if (nanos < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** A rate per second with an SI suffix (k, M, G). */
    public static String rate(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** A ratio such as {@code 3.2x}. */
    public static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 100 ? "%.0fx" : r >= 10 ? "%.1fx" : "%.2fx", r);
    }

    /** {@link String#format} with {@link Locale#ROOT}. */
    public static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
