package io.hypertrader.data;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Interval;

import java.time.Instant;
import java.util.List;

/**
 * Checks a batch of candles before anything is written: sound OHLCV values (prices positive and
 * finite, high >= low and brackets open/close, volume >= 0), open times on the interval grid,
 * close time = next open - 1, and strictly ascending open times (so no duplicates).
 */
public final class CandleValidation {
    private CandleValidation() {
    }

    /** The first bad candle of a batch: its index and why it is refused. */
    public record Problem(int index, long openTimeMs, String reason) {
        @Override
        public String toString() {
            return "open_time_ms " + openTimeMs + " (" + Instant.ofEpochMilli(openTimeMs) + "): " + reason;
        }
    }

    /** Returns the first problem, or null when the whole batch is sound. */
    public static Problem firstProblem(Interval interval, List<Candle> candles) {
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            String reason = check(interval, c);
            if (reason == null && i > 0) {
                if (c.openTime() == prev) {
                    reason = "duplicate open time (also on the previous row)";
                } else if (c.openTime() < prev) {
                    reason = "not in ascending time order (previous row opens at " + prev + ")";
                }
            }
            if (reason != null) {
                return new Problem(i, c.openTime(), reason);
            }
            prev = c.openTime();
        }
        return null;
    }

    /** The reason one candle is unsound on its own, or null. */
    static String check(Interval interval, Candle c) {
        if (!Double.isFinite(c.open()) || !Double.isFinite(c.high()) || !Double.isFinite(c.low())
                || !Double.isFinite(c.close())) {
            return "price is not a finite number";
        }
        if (c.open() <= 0 || c.high() <= 0 || c.low() <= 0 || c.close() <= 0) {
            return "non-positive price (open " + c.open() + ", high " + c.high() + ", low " + c.low()
                    + ", close " + c.close() + ")";
        }
        if (c.high() < c.low()) {
            return "high " + c.high() + " < low " + c.low();
        }
        if (c.high() < Math.max(c.open(), c.close())) {
            return "high " + c.high() + " below open/close";
        }
        if (c.low() > Math.min(c.open(), c.close())) {
            return "low " + c.low() + " above open/close";
        }
        if (Double.isNaN(c.volume()) || Double.isInfinite(c.volume())) {
            return "volume is not a finite number";
        }
        if (c.volume() < 0) {
            return "negative volume " + c.volume();
        }
        if (!IntervalGrid.onGrid(interval, c.openTime())) {
            return "open time " + c.openTime() + " is off the " + interval + " grid";
        }
        long expectedClose = IntervalGrid.closeTime(interval, c.openTime());
        if (c.closeTime() != expectedClose) {
            return "close time " + c.closeTime() + " is not open + " + interval + " - 1 ms (" + expectedClose + ")";
        }
        return null;
    }
}
