package io.hypertrader.ops;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people write them in config files and flags: {@code 500ms}, {@code 90s},
 * {@code 15m}, {@code 8h}, {@code 1d}. A bare number is refused: the unit is part of the value.
 */
public final class Durations {
    private Durations() {
    }

    /**
     * @param where names the value in the error, e.g. {@code "alerts.dedupeWindow"}
     * @throws IllegalArgumentException naming {@code where}, the text and the accepted forms
     */
    public static Duration parse(String where, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            long v;
            Duration unit;
            if (t.endsWith("ms")) {
                v = Long.parseLong(t.substring(0, t.length() - 2).trim());
                unit = Duration.ofMillis(1);
            } else if (!t.isEmpty()) {
                unit = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(1);
                    case 'm' -> Duration.ofMinutes(1);
                    case 'h' -> Duration.ofHours(1);
                    case 'd' -> Duration.ofDays(1);
                    default -> null;
                };
                if (unit == null) {
                    throw new IllegalArgumentException(bad(where, text));
                }
                v = Long.parseLong(t.substring(0, t.length() - 1).trim());
            } else {
                throw new IllegalArgumentException(bad(where, text));
            }
            if (v < 0) {
                throw new IllegalArgumentException(where + ": '" + text + "' is negative");
            }
            return unit.multipliedBy(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(bad(where, text), e);
        }
    }

    /** Short text of a duration, the inverse of {@link #parse} for whole units: 90s, 15m, 500ms. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms != 0 && ms % 1_000L == 0) {
            return ms / 1_000L + "s";
        }
        return ms + "ms";
    }

    private static String bad(String where, String text) {
        return where + ": '" + text + "' is not a duration (write e.g. 500ms, 90s, 15m, 8h, 1d)";
    }
}
