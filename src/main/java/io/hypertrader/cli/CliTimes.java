package io.hypertrader.cli;

import io.hypertrader.core.UserError;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses time flags: epoch milliseconds, or ISO-8601 (a date or date-time; no offset means UTC). */
final class CliTimes {
    private CliTimes() {
    }

    static Long parse(String flag, String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.matches("-?\\d+")) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw UserError.usage(flag + " '" + text + "' is out of range");
            }
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw UserError.usage(flag + " '" + text + "' is neither epoch milliseconds nor an ISO-8601 time"
                    + " (e.g. 1700000000000, 2024-01-31, 2024-01-31T12:00, 2024-01-31T12:00:00Z)");
        }
    }

    /** ISO-8601 UTC text of epoch ms, e.g. 2024-01-31T12:00:00Z. */
    static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
