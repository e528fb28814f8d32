package io.hypertrader.ops.alert;

import io.hypertrader.live.store.LiveStore;
import io.hypertrader.risk.RiskEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The daily summary of a deployment, built from its DuckDB books, and when to send it: once per
 * UTC day, for the day that just ended. A runner keeps one {@link Trigger} and calls
 * {@link Trigger#due} from its loop.
 */
public final class DailySummaries {
    private DailySummaries() {
    }

    /** One UTC day of {@code d}: orders decided, rejected, fills, fees, risk events, equity from the journal's snapshots. */
    public static AlertEvent.DailySummary of(LiveStore store, LiveStore.Deployment d, LocalDate day, long nowMs) {
        long from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        int orders = 0;
        int rejected = 0;
        for (LiveStore.OrderRow o : store.orders(d.id())) {
            if (o.decisionMs() >= from && o.decisionMs() < to) {
                orders++;
                rejected += "REJECTED".equals(o.status()) ? 1 : 0;
            }
        }
        int fills = 0;
        double fees = 0;
        for (LiveStore.FillRow f : store.fills(d.id())) {
            if (f.timeMs() >= from && f.timeMs() < to) {
                fills++;
                fees += f.fee();
            }
        }
        int risk = 0;
        for (RiskEvent e : store.riskEvents(d.id())) {
            risk += e.timeMs() >= from && e.timeMs() < to ? 1 : 0;
        }
        // Snapshots carry equity in the price column (runners write one per loop or bar).
        Double before = null;
        Double end = null;
        for (LiveStore.Entry e : store.journal(d.id())) {
            if (!"snapshot".equals(e.kind()) || e.price() == null) {
                continue;
            }
            long t = e.eventMs() != null ? e.eventMs() : e.wallMs();
            if (t < from) {
                before = e.price();
            } else if (t < to) {
                end = e.price();
            }
        }
        Double change = end != null && before != null ? end - before : null;
        return new AlertEvent.DailySummary(d.id(), d.stage().code(), nowMs, day, end, change, orders, rejected, fills, fees, risk);
    }

    /** Says once per UTC day which day just ended. Not thread-safe: one per runner loop. */
    public static final class Trigger {
        private LocalDate current;

        /** @param startMs the runner's start: the first summary is of the day it started in */
        public Trigger(long startMs) {
            this.current = day(startMs);
        }

        /** The day that ended since the last call, or null (a gap of several days reports the last full one). */
        public LocalDate due(long nowMs) {
            LocalDate today = day(nowMs);
            if (!today.isAfter(current)) {
                return null;
            }
            current = today;
            return today.minusDays(1);
        }

        private static LocalDate day(long ms) {
            return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
        }
    }
}
