package io.hypertrader.ops.alert;

import java.util.Locale;

/** How urgent an alert is; a channel's {@code minSeverity} filters by it. */
public enum Severity {
    /** For the record: the daily summary. */
    INFO,
    /** Needs a look soon: a socket down, latency high, a position stopped, a lease taken over. */
    WARNING,
    /** Needs action now: trading halted or stopped, a runner crashed, orders failing, books disagree. */
    CRITICAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String where, String text) {
        for (Severity s : values()) {
            if (s.code().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException(where + ": '" + text + "' is not a severity (info, warning or critical)");
    }
}
