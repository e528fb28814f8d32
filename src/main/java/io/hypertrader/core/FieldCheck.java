package io.hypertrader.core;

/**
 * Range checks for records' compact constructors, stated in interval notation so the rule reads
 * in the code as it reads in the error: {@code FieldCheck.in("hedge", hedge, "(0, 1)")} refuses
 * 1.2 with {@code hedge = 1.2: out of range: must be in (0, 1)}. Bounds are numbers or {@code inf};
 * a finite value is required unless the interval is closed at {@code inf]}. Every refusal is an
 * {@link InvalidFieldException} naming the field, the value and the rule.
 */
public final class FieldCheck {

    private FieldCheck() {
    }

    /** Returns {@code v} when it lies in {@code interval}, e.g. "(0, 1)", "[0, 1)", "(0, inf]". */
    public static double in(String field, double v, String interval) {
        if (!contains(interval, v)) {
            throw new InvalidFieldException(field, fmt(v), "out of range: must be in " + interval);
        }
        return v;
    }

    /** A whole-number field: returns {@code v} when it lies in {@code interval}, e.g. "[1, 10]". */
    public static int in(String field, int v, String interval) {
        in(field, (double) v, interval);
        return v;
    }

    /** A whole-number field held as a long (milliseconds). */
    public static long in(String field, long v, String interval) {
        in(field, (double) v, interval);
        return v;
    }

    /** An optional number: NaN means "none" (null in a config), anything else must lie in {@code interval}. */
    public static double optional(String field, double v, String interval) {
        return Double.isNaN(v) ? v : in(field, v, interval);
    }

    /** Refuses {@code value} of {@code field} with {@code rule} unless {@code ok}. */
    public static void require(boolean ok, String field, String value, String rule) {
        if (!ok) {
            throw new InvalidFieldException(field, value, rule);
        }
    }

    /** Refuses a missing (null) field. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "(missing)", "a value is required");
        }
        return value;
    }

    /** A number as users write it: whole numbers without ".0", 0.0003 rather than 3.0E-4; extremes as Java prints them. */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Double.isFinite(v) && Math.abs(v) >= 1e-9 && Math.abs(v) < 1e15) {
            return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v);
    }

    private static boolean contains(String interval, double v) {
        String s = interval.strip();
        int comma = s.indexOf(',');
        if (s.length() < 5 || comma < 0) {
            throw new IllegalArgumentException("not an interval: " + interval);
        }
        char open = s.charAt(0);
        char close = s.charAt(s.length() - 1);
        double lo = bound(s.substring(1, comma));
        double hi = bound(s.substring(comma + 1, s.length() - 1));
        if (Double.isNaN(v) || (Double.isInfinite(v) && !(close == ']' && v == hi))) {
            return false;
        }
        boolean aboveLo = open == '[' ? v >= lo : v > lo;
        boolean belowHi = close == ']' ? v <= hi : v < hi;
        return aboveLo && belowHi;
    }

    private static double bound(String text) {
        String t = text.strip();
        return switch (t) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }
}
