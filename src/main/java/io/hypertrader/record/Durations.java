package io.hypertrader.record;

import io.hypertrader.core.UserError;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the recorder's flags and file write them: a whole number and a unit (500ms, 30s, 1m, 1h, 1d). */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Milliseconds of {@code text}, within [minMs, maxMs].
     *
     * @throws UserError USAGE naming {@code field}, the value and the rule
     */
    static long parse(String field, String text, long minMs, long maxMs) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw UserError.usage("record: " + field + " '" + text + "' is not a duration such as 500ms, 30s, 1m or 1h");
        }
        long unit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        long ms = Long.parseLong(m.group(1)) * unit;
        if (ms < minMs || ms > maxMs) {
            throw UserError.usage("record: " + field + " " + text.trim() + " must be between " + format(minMs) + " and " + format(maxMs));
        }
        return ms;
    }

    /** The shortest exact form: 60000 -> "1m", 1500 -> "1500ms". */
    static String format(long ms) {
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
