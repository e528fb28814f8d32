package io.hypertrader.data;

/**
 * One funding settlement of a perpetual: {@code timeMs} is the exchange's settlement time (UTC
 * epoch ms, may carry millisecond offsets), {@code rate} the funding rate for that period as a
 * fraction (hourly on Hyperliquid since mid-2023; positive = longs pay shorts) and
 * {@code premium} the premium index (NaN when not reported).
 */
public record FundingRate(long timeMs, double rate, double premium) {
    public FundingRate {
        if (!Double.isFinite(rate)) {
            throw new IllegalArgumentException("funding rate at " + timeMs + " is not a finite number: " + rate);
        }
        if (timeMs < 0) {
            throw new IllegalArgumentException("funding time must be >= 0, got " + timeMs);
        }
    }
}
