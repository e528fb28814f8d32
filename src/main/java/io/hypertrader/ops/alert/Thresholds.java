package io.hypertrader.ops.alert;

import java.time.Duration;

/**
 * When {@link AlertMonitor} raises an alert.
 *
 * @param orderFailureRate      share of failed orders over the window that alerts (default 0.05)
 * @param orderFailureWindow    the sliding window of orders (default 15 min)
 * @param orderFailureMinOrders orders the window must hold before a rate is judged (default 20:
 *                              one failure out of two orders is not a 50% failure rate)
 * @param apiLatency            latency above which the percentile alerts (default 500 ms)
 * @param apiLatencyPercentile  which percentile (default 95)
 * @param apiLatencyWindow      the sliding window of samples per endpoint (default 5 min)
 * @param apiLatencyMinSamples  samples needed before the percentile is judged (default 20)
 * @param socketDownAfter       a socket down this long alerts (default 60 s)
 */
public record Thresholds(double orderFailureRate, Duration orderFailureWindow, int orderFailureMinOrders, Duration apiLatency,
                         double apiLatencyPercentile, Duration apiLatencyWindow, int apiLatencyMinSamples, Duration socketDownAfter) {

    public static final Thresholds DEFAULT = new Thresholds(0.05, Duration.ofMinutes(15), 20, Duration.ofMillis(500), 95,
            Duration.ofMinutes(5), 20, Duration.ofSeconds(60));

    public Thresholds {
        if (!(orderFailureRate > 0 && orderFailureRate <= 1)) {
            throw new IllegalArgumentException("alerts.thresholds.orderFailureRate: must be in (0, 1], got " + orderFailureRate
                    + " (0.05 = 5%)");
        }
        if (!(apiLatencyPercentile > 0 && apiLatencyPercentile <= 100)) {
            throw new IllegalArgumentException("alerts.thresholds.apiLatencyPercentile: must be in (0, 100], got "
                    + apiLatencyPercentile);
        }
        if (orderFailureMinOrders < 1 || apiLatencyMinSamples < 1) {
            throw new IllegalArgumentException("alerts.thresholds: orderFailureMinOrders and apiLatencyMinSamples must be >= 1");
        }
        for (Duration d : new Duration[]{orderFailureWindow, apiLatency, apiLatencyWindow, socketDownAfter}) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("alerts.thresholds: windows and limits must be positive durations, got " + d);
            }
        }
    }
}
